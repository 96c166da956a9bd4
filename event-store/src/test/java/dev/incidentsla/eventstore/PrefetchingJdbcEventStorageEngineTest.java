package dev.incidentsla.eventstore;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import javax.sql.DataSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine's streams on a real PostgreSQL, with the project's settings: batches of 1,000 events. */
class PrefetchingJdbcEventStorageEngineTest {

    /** A batch is a window of 1,000 global indexes, the first from 0 to 999, and the table's sequence starts at 1. */
    private static final int FIRST_BATCH = 999;
    private static final String AGGREGATE = "incident:INC-READ-AHEAD";

    private static EmbeddedPostgres postgres;
    private static DataSource database;

    private final AtomicInteger readsAhead = new AtomicInteger();
    private ExecutorService readAheadThread;
    private PrefetchingJdbcEventStorageEngine engine;

    @BeforeAll
    static void startDatabase() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        database = postgres.getPostgresDatabase();
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void emptyStore() {
        readAheadThread = Executors.newSingleThreadExecutor();
        engine = engineReadingAheadOn(task -> {
            readsAhead.incrementAndGet();
            readAheadThread.execute(task);
        });
        engine.createSchema(PostgresEventTableFactory.INSTANCE);
        new JdbcTemplate(database).execute("TRUNCATE domain_event_entry RESTART IDENTITY");
    }

    @AfterEach
    void stopReadingAhead() {
        readAheadThread.shutdownNow();
    }

    @Test
    void a_stream_behind_the_head_reads_each_next_batch_ahead_and_delivers_every_event_once_in_order() {
        append(0, 2_500);

        assertThat(sequencesOf(all(null))).containsExactlyElementsOf(sequences(0, 2_500));
        assertThat(readsAhead).as("after batches of 999, 1,000 and 501 events; the third read ahead came back empty")
                .hasValue(3);
    }

    @Test
    void a_stream_whose_first_batch_comes_back_empty_ends_without_reading_ahead() {
        assertThat(all(null)).isEmpty();
        assertThat(readsAhead).hasValue(0);
    }

    @Test
    void events_appended_after_a_batch_was_read_ahead_are_read_by_that_stream_or_the_next_from_its_last_token() {
        append(0, 2_000);
        List<TrackedEventData<?>> read = new ArrayList<>();
        try (Stream<? extends TrackedEventData<?>> stream = engine.readEventData(null, false)) {
            Iterator<? extends TrackedEventData<?>> events = stream.iterator();
            for (int i = 0; i <= FIRST_BATCH; i++) {
                read.add(events.next());
            }
            append(2_000, 2_300);
            events.forEachRemaining(read::add);
        }
        read.addAll(all(read.get(read.size() - 1).trackingToken()));

        assertThat(sequencesOf(read)).containsExactlyElementsOf(sequences(0, 2_300));
        assertThat(readsAhead).as("after each batch: the third has at least the 2,000th event, whenever it was read")
                .hasValueGreaterThanOrEqualTo(3);
    }

    @Test
    void a_stream_closed_with_a_batch_read_ahead_drops_it_and_the_next_stream_from_its_last_token_misses_nothing() {
        append(0, 1_500);
        TrackingToken lastRead;
        try (Stream<? extends TrackedEventData<?>> stream = engine.readEventData(null, false)) {
            lastRead = stream.limit(FIRST_BATCH).reduce((first, second) -> second).orElseThrow().trackingToken();
        }
        assertThat(readsAhead).as("the second batch was asked for when the first was read").hasValue(1);

        assertThat(sequencesOf(all(lastRead))).containsExactlyElementsOf(sequences(FIRST_BATCH, 1_500));
    }

    @Test
    void a_stream_reads_every_batch_itself_once_the_read_ahead_threads_refuse_work() {
        engine = engineReadingAheadOn(task -> {
            throw new RejectedExecutionException("shutting down");
        });
        append(0, 2_500);

        assertThat(sequencesOf(all(null))).containsExactlyElementsOf(sequences(0, 2_500));
    }

    private PrefetchingJdbcEventStorageEngine engineReadingAheadOn(java.util.concurrent.Executor readAhead) {
        SpringTransactionManager transactions = new SpringTransactionManager(new DataSourceTransactionManager(database));
        return new PrefetchingJdbcEventStorageEngine(EventStoreConfiguration.storageEngineSettings(
                new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(database)),
                transactions, new EventStoreConfiguration().serializer()), readAhead);
    }

    private void append(int fromSequence, int toSequence) {
        engine.appendEvents(IntStream.range(fromSequence, toSequence)
                .mapToObj(sequence -> new GenericDomainEventMessage<>("Incident", AGGREGATE, sequence, "event " + sequence))
                .toList());
    }

    private List<TrackedEventData<?>> all(TrackingToken after) {
        try (Stream<? extends TrackedEventData<?>> stream = engine.readEventData(after, false)) {
            return stream.<TrackedEventData<?>>map(event -> event).toList();
        }
    }

    private static List<Long> sequencesOf(List<TrackedEventData<?>> events) {
        return events.stream().map(event -> ((DomainEventData<?>) event).getSequenceNumber()).toList();
    }

    private static List<Long> sequences(int from, int to) {
        return LongStream.range(from, to).boxed().toList();
    }
}
