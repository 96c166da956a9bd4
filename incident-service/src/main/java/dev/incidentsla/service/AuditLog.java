package dev.incidentsla.service;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The global event stream in storage order, for auditors who replay everything. Blocking. */
@Component
public class AuditLog {

    /**
     * One stored event of any aggregate.
     *
     * @param globalSequence its position in the global stream; pass the last one seen as {@code after} to continue
     */
    public record Entry(long globalSequence, String aggregateId, long sequence, String eventId, String type, String revision,
                        Instant timestamp, Object payload, Map<String, Object> metadata) {
    }

    private final EventStorageEngine storageEngine;

    public AuditLog(EventStorageEngine storageEngine) {
        this.storageEngine = storageEngine;
    }

    /** Up to {@code limit} events whose global sequence is greater than {@code after} (-1: from the first). */
    public List<Entry> after(long after, int limit) {
        GapAwareTrackingToken token = after < 0 ? null : GapAwareTrackingToken.newInstance(after, List.of());
        try (Stream<? extends TrackedEventMessage<?>> events = storageEngine.readEvents(token, false)) {
            return events.limit(limit).map(AuditLog::entry).toList();
        }
    }

    private static Entry entry(TrackedEventMessage<?> event) {
        long globalSequence = event.trackingToken().position().orElseThrow();
        String aggregateId = event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
        long sequence = event instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : -1;
        return new Entry(globalSequence, aggregateId, sequence, event.getIdentifier(), event.getPayloadType().getSimpleName(),
                EventHistory.revisionOf(event.getPayloadType()), event.getTimestamp(), event.getPayload(), event.getMetaData());
    }
}
