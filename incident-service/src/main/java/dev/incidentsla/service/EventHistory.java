package dev.incidentsla.service;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Revision;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/** Reads one aggregate's stored events, oldest first. Blocking: never call it on the event loop. */
@Component
public class EventHistory {

    private final EventStore eventStore;

    public EventHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public List<? extends DomainEventMessage<?>> of(Object aggregateIdentifier) {
        return eventStore.readEvents(aggregateIdentifier.toString()).asStream().toList();
    }

    /** The aggregate's first event, or empty when it has none; reads no further than the store's first batch. */
    public Optional<DomainEventMessage<?>> first(Object aggregateIdentifier) {
        DomainEventStream events = eventStore.readEvents(aggregateIdentifier.toString());
        return events.hasNext() ? Optional.of(events.next()) : Optional.empty();
    }

    /**
     * The sequence number of the aggregate's last event, or empty when it has none: one indexed lookup, nothing read or
     * deserialized, to tell whether what was read before is still the whole history.
     */
    public Optional<Long> lastSequence(Object aggregateIdentifier) {
        return eventStore.lastSequenceNumberFor(aggregateIdentifier.toString());
    }

    /** The {@code @Revision} an event type declares, as auditors see it, or null. */
    public static String revisionOf(Class<?> payloadType) {
        Revision revision = payloadType.getAnnotation(Revision.class);
        return revision == null ? null : revision.value();
    }
}
