-- Deadlines of Axon's db-scheduler deadline manager (DeadlineConfiguration): one row per scheduled deadline,
-- polled by every incident-service node; the table layout is db-scheduler's own for PostgreSQL.
CREATE TABLE scheduled_tasks (
    task_name            TEXT                     NOT NULL,
    task_instance        TEXT                     NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                  NOT NULL,
    picked_by            TEXT,
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT                   NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_execution_time ON scheduled_tasks (priority DESC, execution_time ASC);

-- Incidents stored before deadlines were facts of the incident's own have none scheduled: DeadlineBackfill
-- schedules them once, and records here that it did. A database with no incidents yet has nothing to bring forward.
CREATE TABLE deadline_backfill (
    name         VARCHAR(100)             NOT NULL PRIMARY KEY,
    completed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    incidents    BIGINT                   NOT NULL
);
INSERT INTO deadline_backfill (name, completed_at, incidents)
SELECT 'first-response', now(), 0
WHERE NOT EXISTS (SELECT 1 FROM domain_event_entry);
