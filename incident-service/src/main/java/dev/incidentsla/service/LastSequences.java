package dev.incidentsla.service;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sequence numbers of several aggregates' last events, in one query: what {@link EventHistory#lastSequence} answers
 * for each (the largest sequence number stored for it, one indexed lookup each), in one round trip instead of one
 * each. Read in the caller's transaction, if any. Blocking.
 */
@Component
public class LastSequences {

    private static final String LAST_SEQUENCES = "SELECT wanted.aggregate_identifier, (SELECT max(e.sequence_number) "
            + "FROM domain_event_entry e WHERE e.aggregate_identifier = wanted.aggregate_identifier) "
            + "FROM unnest(?::varchar[]) AS wanted(aggregate_identifier)";

    private final JdbcTemplate jdbc;

    public LastSequences(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * By each given aggregate identifier (stored as its {@code toString()}, as {@link EventHistory} reads it); an
     * aggregate without events is left out.
     */
    public <T> Map<T, Long> of(Collection<T> aggregateIdentifiers) {
        Map<String, T> wanted = new LinkedHashMap<>();
        aggregateIdentifiers.forEach(identifier -> wanted.putIfAbsent(identifier.toString(), identifier));
        Map<T, Long> lastSequences = new HashMap<>();
        if (wanted.isEmpty()) {
            return lastSequences;
        }
        jdbc.query(LAST_SEQUENCES, row -> {
            long lastSequence = row.getLong(2);
            if (!row.wasNull()) {
                lastSequences.put(wanted.get(row.getString(1)), lastSequence);
            }
        }, (Object) wanted.keySet().toArray(String[]::new));
        return lastSequences;
    }
}
