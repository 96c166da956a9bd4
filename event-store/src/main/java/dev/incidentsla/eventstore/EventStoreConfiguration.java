package dev.incidentsla.eventstore;

import dev.incidentsla.eventstore.schema.MigrationAlongsideOtherNodes;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Duration;
import java.util.List;

/**
 * Axon's JDBC event store and token store, as both services use them (import it), declared here because
 * Axon's JDBC auto-configuration does not fire under Spring Boot 4. Tables (snake_case) belong to Flyway. Messages and tokens are serialized with
 * Axon's Jackson 2 serializer, which reads replay tokens back (the Jackson 3 one cannot: AxonFramework#4160).
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    /** Tracking processors wait this long for a transaction that took a lower global index to commit. */
    private static final int GAP_TIMEOUT_MILLIS = 180_000;
    /**
     * Events a streaming read asks for at once, and the width of the global-index window it reads through: a catch-up
     * from zero (a new processor, a reset) reads 1,000 events a query rather than Axon's 100. Also the width of the
     * window of sequence numbers an aggregate's load reads through ({@link #lastBatchOfAnAggregate}).
     */
    private static final int READ_BATCH = 1_000;
    private static final String UNIQUE_VIOLATION = "23505";
    /**
     * A segment whose owner has not extended its claim for this long is taken over by another node: the bound on
     * failover after a node is killed. Processors must extend their claims well within it (they do every second).
     */
    public static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(5);

    /**
     * How events stored at an earlier revision are brought to today's shape before they are read: the event store's
     * loads and streams go through this chain, and so does the incident list's read of its pages' histories. None
     * yet: a revision so far only adds fields, which read back as null. (The audit stream reads an earlier revision
     * with the serializer alone: an upcaster added here must be added to it too.)
     */
    public static final EventUpcaster UPCASTERS = NoOpEventUpcaster.INSTANCE;

    public static final EventSchema EVENT_SCHEMA = EventSchema.builder()
            .eventTable("domain_event_entry")
            .snapshotTable("snapshot_event_entry")
            .globalIndexColumn("global_index")
            .eventIdentifierColumn("event_identifier")
            .aggregateIdentifierColumn("aggregate_identifier")
            .sequenceNumberColumn("sequence_number")
            .typeColumn("type")
            .timestampColumn("time_stamp")
            .payloadTypeColumn("payload_type")
            .payloadRevisionColumn("payload_revision")
            .payloadColumn("payload")
            .metaDataColumn("meta_data")
            .build();

    public static final TokenSchema TOKEN_SCHEMA = TokenSchema.builder()
            .setTokenTable("token_entry")
            .setProcessorNameColumn("processor_name")
            .setSegmentColumn("segment")
            .setTokenColumn("token")
            .setTokenTypeColumn("token_type")
            .setTimestampColumn("timestamp")
            .setOwnerColumn("owner")
            .build();

    public static ObjectMapper messageObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Bean
    @Primary
    Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(messageObjectMapper()).build();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }

    /** Who sent the command, and the request's correlation id, travel from command to event metadata. */
    @Bean
    MigrationAlongsideOtherNodes migrationAlongsideOtherNodes() {
        return new MigrationAlongsideOtherNodes();
    }

    @Bean
    CorrelationDataProvider requestCorrelation() {
        return new SimpleCorrelationDataProvider(EventMetadata.ACTOR, EventMetadata.ON_BEHALF_OF, EventMetadata.CORRELATION_ID);
    }

    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    @Bean
    ConnectionProvider axonConnectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    /** Without snapshots, appends timed in the service's meter registry (both services have one, through the actuator). */
    @Bean
    EventStorageEngine eventStorageEngine(ConnectionProvider connectionProvider, TransactionManager transactionManager,
                                          Serializer serializer, ObjectProvider<MeterRegistry> meters) {
        return storageEngine(connectionProvider, transactionManager, serializer, meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    static EventStorageEngine storageEngine(ConnectionProvider connectionProvider, TransactionManager transactionManager,
                                            Serializer serializer, MeterRegistry meters) {
        EventStorageEngine engine = JdbcEventStorageEngine.builder()
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .schema(EVENT_SCHEMA)
                .dataType(byte[].class)
                .gapTimeout(GAP_TIMEOUT_MILLIS)
                .batchSize(READ_BATCH)
                .finalAggregateBatchPredicate(EventStoreConfiguration::lastBatchOfAnAggregate)
                .upcasterChain(UPCASTERS)
                .persistenceExceptionResolver(EventStoreConfiguration::isDuplicateKey)
                .build();
        return new SnapshotFreeStorageEngine(engine, meters);
    }

    /**
     * An aggregate's events are read in windows of {@link #READ_BATCH} sequence numbers, and a window that comes back
     * short is the last: an aggregate's sequence numbers have no holes, since Axon appends each event with the number
     * after the last one of the stream it read whole (the unique key on aggregate and sequence turns a race into a
     * conflict, retried), and no event is ever deleted. Axon's JDBC engine would ask again until a window came back
     * empty: one more query on every load of an incident or a contract.
     */
    static boolean lastBatchOfAnAggregate(List<? extends DomainEventData<?>> batch) {
        return batch.size() < READ_BATCH;
    }

    /**
     * A unique-key violation (PostgreSQL SQLSTATE 23505) on (aggregate, sequence) means another node appended
     * first: Axon turns it into a ConcurrencyException, which commands retry. Axon's default resolver only knows
     * {@link SQLIntegrityConstraintViolationException}, which the PostgreSQL driver does not throw.
     */
    static boolean isDuplicateKey(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLIntegrityConstraintViolationException
                    || cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(TOKEN_SCHEMA)
                .contentType(byte[].class)
                .claimTimeout(CLAIM_TIMEOUT)
                .build();
    }
}
