-- The SLA read model (one row per incident) and the transactional outbox of alerts.
CREATE TABLE sla_read_model (
    incident_id      VARCHAR(100) NOT NULL PRIMARY KEY,
    contract_id      VARCHAR(100) NOT NULL,
    severity         VARCHAR(2)   NOT NULL,
    product          VARCHAR(100) NOT NULL,
    program          VARCHAR(60)  NOT NULL,
    rule             VARCHAR(120) NOT NULL,
    target           VARCHAR(40)  NOT NULL,
    clock            VARCHAR(20)  NOT NULL,
    submitted_at     TIMESTAMPTZ  NOT NULL,
    due_at           TIMESTAMPTZ  NOT NULL,
    at_risk_at       TIMESTAMPTZ  NOT NULL,
    status           VARCHAR(12)  NOT NULL,
    responded_at     TIMESTAMPTZ,
    warning_alert_at TIMESTAMPTZ,
    breach_alert_at  TIMESTAMPTZ,
    last_sequence    BIGINT       NOT NULL
);
CREATE INDEX sla_read_model_pending ON sla_read_model (due_at) WHERE status = 'PENDING';
CREATE INDEX sla_read_model_breaches ON sla_read_model (breach_alert_at) WHERE breach_alert_at IS NOT NULL;

-- alert_id is derived from the incident and the deadline, so a replay cannot add a second alert.
CREATE TABLE sla_alert_outbox (
    alert_id     VARCHAR(200) NOT NULL PRIMARY KEY,
    kind         VARCHAR(10)  NOT NULL,
    topic        VARCHAR(200) NOT NULL,
    message_key  VARCHAR(100) NOT NULL,
    payload      TEXT         NOT NULL,
    deadline     TIMESTAMPTZ  NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    sent_at      TIMESTAMPTZ
);
CREATE INDEX sla_alert_outbox_unsent ON sla_alert_outbox (created_at) WHERE sent_at IS NULL;
