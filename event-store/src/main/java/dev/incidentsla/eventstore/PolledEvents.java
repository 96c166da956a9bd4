package dev.incidentsla.eventstore;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Duration;
import java.time.Instant;

/**
 * The stored events, as a source for a tracking processor that may run a poll interval behind its node's commands.
 * Axon's event store wakes its processors' stream on every commit of the node, so under load each command costs the
 * processor a fetch of its own, usually of that one event, and a batch of its own (a transaction and a token update).
 * This source is read only every {@code pollInterval} (and again at once while a read finds events), whoever commits:
 * under load one read brings the commands of a whole interval, which the processor handles as one batch.
 * <p>
 * Not an {@link org.axonframework.eventsourcing.eventstore.EventStore}: it publishes nothing, and commands and loads
 * keep using the node's event store.
 */
public final class PolledEvents implements StreamableMessageSource<TrackedEventMessage<?>>, AutoCloseable {

    private final EmbeddedEventStore store;

    public PolledEvents(String name, EventStorageEngine storageEngine, Duration pollInterval) {
        this.store = EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .fetchDelay(Math.max(1, pollInterval.toMillis()))
                .threadFactory(new AxonThreadFactory(name))
                .build();
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return store.openStream(trackingToken);
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return store.createTokenSince(duration);
    }

    /** Stops the reading thread, and with it the streams of the processors still open on it. */
    @Override
    public void close() {
        store.shutDown();
    }
}
