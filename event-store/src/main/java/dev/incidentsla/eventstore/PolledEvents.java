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
 * each command's events on their own (a few queries, each in a transaction of its own) and handles them in batches of
 * their own (a transaction and a token update for each segment). This source is never woken: after a read that found
 * nothing it waits {@code pollInterval}, whoever commits, so the events committed meanwhile come in one read and, for
 * each segment, one batch. While reads find events it reads again at once, as Axon's does.
 * <p>
 * Not an {@link org.axonframework.eventsourcing.eventstore.EventStore}: it publishes nothing, and commands and loads
 * keep using the node's event store.
 */
public final class PolledEvents implements StreamableMessageSource<TrackedEventMessage<?>>, AutoCloseable {

    private final EmbeddedEventStore store;

    /**
     * @param threadName   the name of the thread that reads, and of its group
     * @param pollInterval at least a millisecond
     */
    public PolledEvents(String threadName, EventStorageEngine storageEngine, Duration pollInterval) {
        if (pollInterval.toMillis() < 1) {
            throw new IllegalArgumentException("a poll interval of at least a millisecond, not " + pollInterval);
        }
        this.store = EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .fetchDelay(pollInterval.toMillis())
                // one reading thread for every stream that has caught up; without it (a system property can turn it
                // off) each stream would read on its own, once a second
                .optimizeEventConsumption(true)
                .threadFactory(new AxonThreadFactory(threadName))
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

    /** Stops the reading thread (within a poll interval). Axon stops its processors before Spring closes this bean. */
    @Override
    public void close() {
        store.shutDown();
    }
}
