package dev.incidentsla.eventstore;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class PolledEventsTest {

    private static final int COMMITS = 40;

    private final CountedReads storage = new CountedReads();
    private final EmbeddedEventStore nodeStore = EmbeddedEventStore.builder().storageEngine(storage).build();
    private final PolledEvents polled = new PolledEvents("polled-events-test", storage, Duration.ofMillis(500));

    @AfterEach
    void stop() {
        polled.close();
        nodeStore.shutDown();
    }

    @Test
    void commands_committed_within_a_poll_interval_are_read_together() throws InterruptedException {
        try (BlockingStream<TrackedEventMessage<?>> stream = polled.openStream(null)) {
            assertThat(stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)).as("nothing stored yet").isFalse();
            int readsBefore = storage.reads.get();

            commitOneByOne();

            assertThat(payloads(stream)).hasSize(COMMITS);
            assertThat(storage.reads.get() - readsBefore).as("reads of the store for " + COMMITS + " commits")
                    .isLessThanOrEqualTo(6);
        }
    }

    /** The contrast: the node's own event store wakes its streams on each of its commits, and reads each one alone. */
    @Test
    void the_nodes_event_store_reads_once_per_commit() throws InterruptedException {
        try (BlockingStream<TrackedEventMessage<?>> stream = nodeStore.openStream(null)) {
            assertThat(stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)).isFalse();
            int readsBefore = storage.reads.get();

            commitOneByOne();

            assertThat(payloads(stream)).hasSize(COMMITS);
            assertThat(storage.reads.get() - readsBefore).isGreaterThanOrEqualTo(COMMITS / 4);
        }
    }

    @Test
    void events_another_node_appends_arrive_at_the_next_poll() throws InterruptedException {
        try (BlockingStream<TrackedEventMessage<?>> stream = polled.openStream(null)) {
            assertThat(stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)).isFalse();
            storage.appendEvents(List.of(GenericEventMessage.asEventMessage("from another node")));
            assertThat(stream.hasNextAvailable(5, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("from another node");
        }
    }

    /** Commands a few milliseconds apart, each its own commit on this node, all within one poll interval. */
    private void commitOneByOne() throws InterruptedException {
        for (int i = 0; i < COMMITS; i++) {
            nodeStore.publish(GenericEventMessage.asEventMessage("event " + i));
            Thread.sleep(5);
        }
    }

    private static List<Object> payloads(BlockingStream<TrackedEventMessage<?>> stream) throws InterruptedException {
        List<Object> payloads = new ArrayList<>();
        while (payloads.size() < COMMITS && stream.hasNextAvailable(5, TimeUnit.SECONDS)) {
            payloads.add(stream.nextAvailable().getPayload());
        }
        return payloads;
    }

    private static final class CountedReads extends InMemoryEventStorageEngine {

        final AtomicInteger reads = new AtomicInteger();

        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
            reads.incrementAndGet();
            return super.readEvents(trackingToken, mayBlock);
        }
    }
}
