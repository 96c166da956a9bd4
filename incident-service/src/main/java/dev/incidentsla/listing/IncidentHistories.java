package dev.incidentsla.listing;

import dev.incidentsla.api.incident.IncidentEvent;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.eventstore.EventStoreConfiguration;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Incidents' histories from the event store, each up to a given event, in one query: a page's items up to the events
 * their list rows were made from (so that the items show exactly what the rows were filtered and ordered on), and the
 * folds the list's processor needs and does not keep. Read through the event store's serializer and upcasters, as a
 * load of the aggregate reads them.
 */
@Repository
class IncidentHistories {

    private static final String UP_TO = "SELECT e.type, e.aggregate_identifier, e.sequence_number, e.event_identifier, "
            + "e.time_stamp, e.payload_type, e.payload_revision, e.payload, e.meta_data "
            + "FROM unnest(?::varchar[], ?::bigint[]) AS wanted(aggregate_identifier, last_sequence) "
            + "JOIN domain_event_entry e ON e.aggregate_identifier = wanted.aggregate_identifier "
            + "AND e.sequence_number <= wanted.last_sequence "
            + "ORDER BY e.aggregate_identifier, e.sequence_number";

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    IncidentHistories(JdbcTemplate jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** Each row's incident's events, oldest first, up to the row's last sequence; by incident id. */
    Map<String, List<IncidentEvent>> upTo(List<ListedIncident> rows) {
        Map<String, Long> lastSequences = new LinkedHashMap<>();
        rows.forEach(row -> lastSequences.put(row.incidentId(), row.lastSequence()));
        return upTo(lastSequences);
    }

    /** Each incident's events, oldest first, up to the sequence given for it; by incident id. */
    Map<String, List<IncidentEvent>> upTo(Map<String, Long> lastSequences) {
        if (lastSequences.isEmpty()) {
            return Map.of();
        }
        String[] aggregates = lastSequences.keySet().stream().map(id -> new IncidentId(id).toString()).toArray(String[]::new);
        Long[] upTo = lastSequences.values().toArray(Long[]::new);
        List<DomainEventData<?>> stored = jdbc.query(UP_TO, (rs, rowNumber) -> new GenericDomainEventEntry<>(
                rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getBytes(8), rs.getBytes(9)), aggregates, upTo);
        Map<String, List<IncidentEvent>> histories = new HashMap<>();
        EventStreamUtils.asStream(EventStreamUtils.upcastAndDeserializeDomainEvents(stored.stream(), serializer,
                EventStoreConfiguration.UPCASTERS)).forEach(message -> {
                    IncidentEvent event = (IncidentEvent) message.getPayload();
                    histories.computeIfAbsent(event.incidentId().value(), id -> new ArrayList<>()).add(event);
                });
        lastSequences.forEach((incidentId, lastSequence) -> {
            List<IncidentEvent> history = histories.getOrDefault(incidentId, List.of());
            if (history.size() != lastSequence + 1) {
                throw new IllegalStateException("the event store holds " + history.size() + " events of incident "
                        + incidentId + " up to its event " + lastSequence);
            }
        });
        return histories;
    }
}
