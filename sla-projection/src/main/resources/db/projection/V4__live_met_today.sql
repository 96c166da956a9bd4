-- The live page's "met today": first responses met since an instant, by when they were recorded (breaches have
-- sla_read_model_breaches already).
CREATE INDEX sla_read_model_met ON sla_read_model (responded_at) WHERE status = 'MET';
