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
import java.util.List;
import java.util.Map;

/**
 * The histories of a page's incidents from the event store, each up to the event its list row was made from, in one
 * query: the items a page shows are then exactly what its rows were filtered and ordered on. Read through the event
 * store's serializer and upcasters, as a load of the aggregate reads them.
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
        if (rows.isEmpty()) {
            return Map.of();
        }
        String[] aggregates = rows.stream().map(row -> new IncidentId(row.incidentId()).toString()).toArray(String[]::new);
        Long[] lastSequences = rows.stream().map(ListedIncident::lastSequence).toArray(Long[]::new);
        List<DomainEventData<?>> stored = jdbc.query(UP_TO, (rs, rowNumber) -> new GenericDomainEventEntry<>(
                rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getBytes(8), rs.getBytes(9)), aggregates, lastSequences);
        Map<String, List<IncidentEvent>> histories = new HashMap<>();
        EventStreamUtils.asStream(EventStreamUtils.upcastAndDeserializeDomainEvents(stored.stream(), serializer,
                EventStoreConfiguration.UPCASTERS)).forEach(message -> {
                    IncidentEvent event = (IncidentEvent) message.getPayload();
                    histories.computeIfAbsent(event.incidentId().value(), id -> new ArrayList<>()).add(event);
                });
        for (ListedIncident row : rows) {
            List<IncidentEvent> history = histories.getOrDefault(row.incidentId(), List.of());
            if (history.size() != row.lastSequence() + 1) {
                throw new IllegalStateException("the event store holds " + history.size() + " events of incident "
                        + row.incidentId() + " up to its event " + row.lastSequence());
            }
        }
        return histories;
    }
}
