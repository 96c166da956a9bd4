-- The audit stream (AuditLog) pages by global_index and must never skip an event whose transaction commits after a
-- later index was already served. It reads the sequence's last value L, then waits until every transaction that had an
-- id at that moment has ended; from then on every index up to L is either committed or will never be (rolled back).
-- That holds only if a writer has its transaction id before it takes an index: PostgreSQL assigns the id at the first
-- row written, which for an event is after its global_index default has been evaluated. So the default asks for the
-- transaction id first (CASE evaluates its condition before its result); the value is the sequence's as before.
-- Axon's inserts name their columns and leave global_index to this default. Changing a default rewrites no row: old
-- rows and the sequence stay as they are. The sequence must keep CACHE 1, so that indexes are handed out in time order.
ALTER TABLE domain_event_entry
    ALTER COLUMN global_index SET DEFAULT
        CASE WHEN pg_current_xact_id() IS NOT NULL THEN nextval('domain_event_entry_global_index_seq'::regclass) END;
