-- The incident list (GET /api/v1/incidents), a read model kept by the tracking processor "incident-list"
-- (IncidentListProjector), one row per incident. It fills from the whole history when the processor starts without
-- a token, as on the first start after this migration.
--
-- events: the incident's events as the processor received them (Axon's serialized form: type, revision, payload),
-- oldest first, so that an item is the same view GET /api/v1/incidents/{id} folds from the event store, judged at the
-- request's instant. The other columns are what the list filters and orders by, as of the last event:
-- first_response_status as recorded (a pending SLA stays PENDING here after its deadline; the query reads it as
-- BREACHED once first_response_due_at has passed, as the view does).
CREATE TABLE incident_list (
    incident_id           VARCHAR(255)             NOT NULL PRIMARY KEY,
    contract_id           VARCHAR(255)             NOT NULL,
    status                VARCHAR(6)               NOT NULL,
    severity              VARCHAR(1)               NOT NULL,
    first_response_status VARCHAR(9)               NOT NULL,
    first_response_due_at TIMESTAMP WITH TIME ZONE NOT NULL,
    submitted_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    last_sequence         BIGINT                   NOT NULL,
    events                JSONB                    NOT NULL
);

-- Keyset paging, newest submission first, ties broken by incident id. Every filter is an equality on a column of
-- the index's prefix: the query reads one index range per combination of the prefix's values the filters allow
-- (every value of a filter left out), each already in (submitted_at, incident_id) order, and merges them.
-- The deadline rides along (INCLUDE) so that the first-response status at the request's instant (recorded PENDING
-- with a deadline passed or not) is judged in the index, without reading the rows it turns away.
-- Without a contract:
CREATE INDEX incident_list_by_status ON incident_list
    (status, severity, first_response_status, submitted_at, incident_id) INCLUDE (first_response_due_at);
-- With one (contractId, or each contract of a token's claim):
CREATE INDEX incident_list_by_contract ON incident_list
    (contract_id, status, severity, first_response_status, submitted_at, incident_id) INCLUDE (first_response_due_at);
