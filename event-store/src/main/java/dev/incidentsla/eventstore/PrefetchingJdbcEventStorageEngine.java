package dev.incidentsla.eventstore;

import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Axon's JDBC storage engine, whose event streams read their next batch while the current one is handled. A stream that
 * is behind the head (a processor catching up from zero, or after a burst) otherwise waits for each query in the
 * thread that handles the events: for the projection's read model, the query and the reading of its 1,000 rows were a
 * fifth of the segment thread's time in a catch-up (BENCHMARKS.md, "Projection catch-up").
 * <p>
 * Axon's stream asks for the next batch after every batch that was not empty, and ends at the first empty one: a batch
 * is the events in a window of global indexes, so a short one does not mean the head was reached. This stream asks the
 * same queries in the same order, each as soon as the batch before it has come back, on a read-ahead thread: as if
 * the stream had been that much faster. Only a stream closed before its last batch (a segment released) has asked one
 * query for nothing, and it drops what that brings. A stream that ends because a batch read ahead came back empty
 * misses nothing either: the event store's consumer goes on from its last token, as after any empty batch.
 */
final class PrefetchingJdbcEventStorageEngine extends JdbcEventStorageEngine {

    private final Executor prefetcher;

    PrefetchingJdbcEventStorageEngine(JdbcEventStorageEngine.Builder builder, Executor prefetcher) {
        super(builder);
        this.prefetcher = prefetcher;
    }

    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        BatchesReadAhead batches = new BatchesReadAhead(trackingToken);
        return StreamSupport.stream(batches, false).onClose(batches::dropBatchReadAhead);
    }

    /** Axon's stream of batches (until a batch comes back empty), with each next batch read ahead. */
    private final class BatchesReadAhead extends Spliterators.AbstractSpliterator<TrackedEventData<?>> {

        private TrackingToken lastToken;
        private Iterator<? extends TrackedEventData<?>> batch;
        private CompletableFuture<List<? extends TrackedEventData<?>>> nextBatch;
        private boolean exhausted;

        private BatchesReadAhead(TrackingToken startToken) {
            super(Long.MAX_VALUE, NONNULL | ORDERED | DISTINCT | CONCURRENT);
            this.lastToken = startToken;
        }

        @Override
        public boolean tryAdvance(Consumer<? super TrackedEventData<?>> action) {
            Objects.requireNonNull(action);
            if (batch == null || !batch.hasNext()) {
                if (exhausted) {
                    return false;
                }
                List<? extends TrackedEventData<?>> events = nextBatch();
                exhausted = events.isEmpty();
                batch = events.iterator();
                if (!exhausted) {
                    readAheadFrom(events.get(events.size() - 1).trackingToken());
                }
            }
            if (!batch.hasNext()) {
                return false;
            }
            TrackedEventData<?> event = batch.next();
            lastToken = event.trackingToken();
            action.accept(event);
            return true;
        }

        /** Unless the reader is shutting down with its service: then the next batch is read when it is asked for. */
        private void readAheadFrom(TrackingToken after) {
            try {
                nextBatch = CompletableFuture.supplyAsync(() -> fetchTrackedEvents(after, batchSize()), prefetcher);
            } catch (RejectedExecutionException shuttingDown) {
                nextBatch = null;
            }
        }

        /** The batch read ahead when there is one (its failure thrown as a query's own would be), else a query now. */
        private List<? extends TrackedEventData<?>> nextBatch() {
            CompletableFuture<List<? extends TrackedEventData<?>>> readAhead = nextBatch;
            nextBatch = null;
            if (readAhead == null) {
                return fetchTrackedEvents(lastToken, batchSize());
            }
            try {
                return readAhead.join();
            } catch (CompletionException failure) {
                if (failure.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw failure;
            }
        }

        private void dropBatchReadAhead() {
            if (nextBatch != null) {
                nextBatch.cancel(false);
                nextBatch = null;
            }
        }
    }
}
