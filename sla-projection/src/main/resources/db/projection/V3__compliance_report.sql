-- The compliance report counts an SLA under the severity in force when it stopped (met, breached, cancelled): a
-- re-grade after the outcome (a customer who cannot sustain the effort, footnote 3) changes the incident's severity
-- but not the severity whose promise was kept or broken. Null while the SLA is pending.
ALTER TABLE sla_read_model ADD COLUMN outcome_severity VARCHAR(2);

-- Rows stopped before this migration: their severity now is the best the row knows. One re-graded after its outcome
-- takes the severity at its outcome once the read model is rebuilt from the history (its tokens reset).
UPDATE sla_read_model SET outcome_severity = severity WHERE status <> 'PENDING';

-- The report reads a range of submissions (a month, a year) of the whole table.
CREATE INDEX sla_read_model_submitted ON sla_read_model (submitted_at);
