-- The compliance report of the timers beside the first response (SLA-RULES section 9): one row per timer instance,
-- kept from the incidents' timer events. The program is the one the timer is owed under (TimerStarted); the contract
-- and the severity are the incident's, as its history recorded them; outcome_severity is the severity in force when
-- the timer stopped or breached (null while pending), so that a re-grade after the outcome leaves the outcome where
-- it was.
CREATE TABLE timer_report (
    incident_id      VARCHAR(100) NOT NULL,
    timer_id         VARCHAR(100) NOT NULL,
    timer            VARCHAR(40)  NOT NULL,
    party            VARCHAR(12)  NOT NULL,
    contract_id      VARCHAR(100) NOT NULL,
    program          VARCHAR(60)  NOT NULL,
    severity         VARCHAR(2)   NOT NULL,
    outcome_severity VARCHAR(2),
    status           VARCHAR(12)  NOT NULL,
    requested_at     TIMESTAMPTZ  NOT NULL,
    started_at       TIMESTAMPTZ,
    due_at           TIMESTAMPTZ,
    stopped_at       TIMESTAMPTZ,
    last_sequence    BIGINT       NOT NULL,
    PRIMARY KEY (incident_id, timer_id)
);

-- A report reads one timer's range of requests (a month, a year). The request places every timer, an RCA too: its
-- clock may start later (at the mitigation) or not at all.
CREATE INDEX timer_report_requested ON timer_report (timer, requested_at);
