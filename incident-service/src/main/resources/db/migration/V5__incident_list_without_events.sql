-- The incident list's rows keep only what the list filters and orders on. A page's items are folded from the
-- incidents' events in domain_event_entry, each up to its row's last_sequence (IncidentHistories): a copy of every
-- event in the row, rewritten as JSONB at each event, cost the write path almost half its CPU again (BENCHMARKS.md,
-- issue 9). The rows already written stay valid as they are.
ALTER TABLE incident_list DROP COLUMN events;
