-- Alerts are now published from the incidents' own FirstResponseAtRisk / FirstResponseBreached events: the outbox
-- has no reader left. An alert still unsent in it is published once its incident records the fact (incident-service
-- brings the deadlines of older incidents forward), with the same id.
DROP TABLE IF EXISTS sla_alert_outbox;

-- Which deadline the last at-risk warning was about: a re-grade that moves the deadline leaves the warning on record
-- but no longer current.
ALTER TABLE sla_read_model ADD COLUMN warned_due_at TIMESTAMPTZ;

-- The old projection cleared warning_alert_at whenever the deadline moved, so a warning on record was about the
-- deadline in force.
UPDATE sla_read_model SET warned_due_at = due_at WHERE warning_alert_at IS NOT NULL;
