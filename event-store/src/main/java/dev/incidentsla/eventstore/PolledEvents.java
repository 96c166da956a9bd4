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
 * Axon's event store wakes its processors' streams at every commit of the node, so a processor that has caught up reads
 * each command's events on their own: a read (a transaction of its own), a batch and a token update for nearly every
 * command. This source is never woken: after a read that found nothing it waits {@code pollInterval}, whoever commits,
 * so the events committed meanwhile come in one read and one batch. While reads find events it reads again at once, as
 * Axon's does.
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
