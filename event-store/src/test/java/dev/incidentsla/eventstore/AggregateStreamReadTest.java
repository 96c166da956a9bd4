package dev.incidentsla.eventstore;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An aggregate's events read back by the engine as the services configure it, on a real PostgreSQL (the table as Axon's
 * PostgreSQL factory creates it; the services' own comes from their Flyway migrations): in windows of 1,000 sequence
 * numbers, the last window being the first that comes back short.
 */
class AggregateStreamReadTest {

    private static final int WINDOW = 1_000;

    private static EmbeddedPostgres postgres;
    private static DataSource database;
    private static TransactionTemplate transactions;
    private static EventStorageEngine engine;

    /** The sequence numbers read, and the scans of the event table the read made. */
    private record Read(List<Long> sequences, long scans) {
    }

    @BeforeAll
    static void startDatabase() throws IOException, SQLException {
        postgres = EmbeddedPostgres.builder().start();
        database = postgres.getPostgresDatabase();
        DataSourceTransactionManager transactionManager = new DataSourceTransactionManager(database);
        transactions = new TransactionTemplate(transactionManager);
        EventStoreConfiguration configuration = new EventStoreConfiguration();
        engine = EventStoreConfiguration.storageEngine(
                new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(database)),
                new SpringTransactionManager(transactionManager), configuration.serializer(), new SimpleMeterRegistry());
        try (Connection connection = database.getConnection();
             PreparedStatement create = PostgresEventTableFactory.INSTANCE.createDomainEventTable(connection,
                     EventStoreConfiguration.EVENT_SCHEMA)) {
            create.execute();
        }
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        postgres.close();
    }

    @Test
    void a_stream_shorter_than_a_window_is_read_with_one_query() {
        append("incident:INC-SHORT", 3);

        assertThat(read("incident:INC-SHORT", 0)).isEqualTo(new Read(List.of(0L, 1L, 2L), 1));
        assertThat(read("incident:INC-SHORT", 2)).isEqualTo(new Read(List.of(2L), 1));
    }

    @Test
    void an_unknown_aggregate_is_one_query_that_finds_nothing() {
        assertThat(read("incident:INC-NONE", 0)).isEqualTo(new Read(List.of(), 1));
    }

    @Test
    void a_full_window_is_followed_by_the_next_until_one_comes_back_short() {
        append("incident:INC-WHOLE-WINDOW", WINDOW);
        append("incident:INC-ONE-MORE", WINDOW + 1);

        Read wholeWindow = read("incident:INC-WHOLE-WINDOW", 0);
        assertThat(wholeWindow.scans()).as("the full window, then an empty one").isEqualTo(2);
        assertThat(wholeWindow.sequences()).isEqualTo(sequences(WINDOW));
        Read oneMore = read("incident:INC-ONE-MORE", 0);
        assertThat(oneMore.scans()).as("the full window, then one event").isEqualTo(2);
        assertThat(oneMore.sequences()).isEqualTo(sequences(WINDOW + 1));
    }

    private static void append(String aggregate, int count) {
        transactions.executeWithoutResult(status -> engine.appendEvents(LongStream.range(0, count)
                .mapToObj(sequence -> new GenericDomainEventMessage<>("Probe", aggregate, sequence, "event " + sequence))
                .toList()));
    }

    /** Reads in one transaction, so that PostgreSQL's per-transaction statistics count this read's scans alone. */
    private static Read read(String aggregate, long from) {
        return transactions.execute(status -> {
            JdbcTemplate jdbc = new JdbcTemplate(database);
            long before = scans(jdbc);
            List<Long> sequences = engine.readEvents(aggregate, from).asStream().map(DomainEventMessage::getSequenceNumber)
                    .toList();
            return new Read(sequences, scans(jdbc) - before);
        });
    }

    private static long scans(JdbcTemplate jdbc) {
        Long scans = jdbc.queryForObject("SELECT coalesce(sum(seq_scan + idx_scan), 0) FROM pg_stat_xact_user_tables"
                + " WHERE relname = 'domain_event_entry'", Long.class);
        return scans == null ? 0 : scans;
    }

    private static List<Long> sequences(int count) {
        return LongStream.range(0, count).boxed().toList();
    }
}
