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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

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

    /**
     * A poll too long for the test to reach: whatever the machine's pace, a read after the commits could only have been
     * woken by them.
     */
    @Test
    void no_commit_of_the_node_wakes_it() throws InterruptedException {
        try (PolledEvents unhurried = new PolledEvents("polled-events-test-unhurried", storage, Duration.ofMinutes(1));
             BlockingStream<TrackedEventMessage<?>> stream = unhurried.openStream(null)) {
            assertThat(stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)).as("nothing stored yet").isFalse();
            await().atMost(Duration.ofSeconds(10)).until(() -> storage.reads.get() >= 2);
            int readsBefore = storage.reads.get();

            commitOneByOne();

            assertThat(stream.hasNextAvailable(300, TimeUnit.MILLISECONDS)).as("nothing read before the next poll").isFalse();
            assertThat(storage.reads.get()).as("reads of the store since the commits began").isEqualTo(readsBefore);
        }
    }

    /** The contrast: the node's own event store wakes its streams at its commits, and reads what each one committed. */
    @Test
    void the_nodes_event_store_reads_at_its_commits() throws InterruptedException {
        try (BlockingStream<TrackedEventMessage<?>> stream = nodeStore.openStream(null)) {
            assertThat(stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)).isFalse();
            int readsBefore = storage.reads.get();

            commitOneByOne();

            assertThat(payloads(stream)).hasSize(COMMITS);
            assertThat(storage.reads.get() - readsBefore).isGreaterThanOrEqualTo(COMMITS / 4);
        }
    }

    @Test
    void the_nodes_commits_arrive_at_the_next_poll() throws InterruptedException {
        try (BlockingStream<TrackedEventMessage<?>> stream = polled.openStream(null)) {
            assertThat(stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)).isFalse();
            commitOneByOne();
            assertThat(payloads(stream)).hasSize(COMMITS);
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

    @Test
    void a_poll_shorter_than_a_millisecond_is_refused() {
        assertThatThrownBy(() -> new PolledEvents("polled-events-test-refused", storage, Duration.ofNanos(500_000)))
                .isInstanceOf(IllegalArgumentException.class);
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
