package dev.incidentsla.eventstore;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The storage engine as the services use it. No snapshots: the services never take one (an incident's history is a
 * handful of events), so loading an aggregate does not ask the snapshot table first, which Axon's event store would do
 * on every load (a round trip per command). Appends are timed as {@code incident_sla_event_store_append_seconds}: the
 * insert of a unit of work's events, inside its transaction (the commit that follows is part of the command's own
 * time).
 */
final class SnapshotFreeStorageEngine implements EventStorageEngine {

    static final String APPEND_TIMER = "incident.sla.event.store.append";

    private final EventStorageEngine delegate;
    private final Timer appends;

    SnapshotFreeStorageEngine(EventStorageEngine delegate, MeterRegistry meters) {
        this.delegate = delegate;
        this.appends = Timer.builder(APPEND_TIMER)
                .description("Appending a unit of work's events to the event store")
                .publishPercentileHistogram()
                .register(meters);
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        appends.record(() -> delegate.appendEvents(events));
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        throw new UnsupportedOperationException("the services take no snapshots: one would never be read");
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        return delegate.readEvents(trackingToken, mayBlock);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier) {
        return delegate.readEvents(aggregateIdentifier);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return Optional.empty();
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return delegate.lastSequenceNumberFor(aggregateIdentifier);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }
}
