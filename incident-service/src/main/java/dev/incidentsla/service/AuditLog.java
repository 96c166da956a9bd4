package dev.incidentsla.service;

import dev.incidentsla.api.contract.ContractEvent;
import dev.incidentsla.api.incident.IncidentEvent;
import dev.incidentsla.api.incident.IncidentOpened;
import io.swagger.v3.oas.annotations.media.Schema;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.util.RawValue;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The global event stream in storage order, for auditors who replay everything, read with plain JDBC: a
 * forward-only cursor streams the rows, and each batch is handed on as soon as it is read, so that a whole replay
 * holds one batch in memory, however long the stream.
 *
 * <p>Paging by global index is safe only behind a <em>settled</em> index: writers on several nodes take indexes from
 * one sequence and commit in any order, so a row with a lower index may still appear after a higher one was served.
 * A response therefore reads the sequence's last value, then waits (a few milliseconds under load, not at all when
 * idle) until every transaction that had an id at that moment has ended; every index up to that value is then either
 * committed or never will be (V3 migration: writers take their transaction id before their index). A response serves
 * nothing beyond the settled index, so the next page, which starts after it, misses nothing. Gaps left by rolled-back
 * transactions are settled like any other index, without waiting for a gap timeout.
 */
@Component
public class AuditLog {

    /**
     * One stored event of any aggregate.
     *
     * @param globalSequence its position in the global stream; pass the last one seen as {@code after} to continue
     */
    @Schema(name = "AuditEntry", description = "One stored event of the global stream",
            requiredProperties = {"globalSequence", "aggregateId", "sequence", "eventId", "type", "timestamp", "payload",
                    "metadata"})
    public record Entry(long globalSequence, String aggregateId, long sequence, String eventId, String type, String revision,
                        Instant timestamp, Object payload, Map<String, Object> metadata) {
    }

    /**
     * What one response serves: the stored events whose global sequence is greater than {@code after} and at most
     * {@code through}. Every index up to {@code through} is settled, so {@code through} is the {@code after} of the next
     * response, whatever a caller limited to some contracts was shown of the range.
     */
    public record Range(long after, long through) {

        boolean isEmpty() {
            return through <= after;
        }
    }

    private static final String SEQUENCE = "domain_event_entry_global_index_seq";
    private static final String LAST_TAKEN = "SELECT last_value, is_called FROM " + SEQUENCE;
    /**
     * A transaction id of the reader's own, higher than every id assigned before. The snapshot's xmax is not: it is one
     * past the latest id to have ended, and ids assigned since may be running unlisted.
     */
    private static final String NEW_TRANSACTION_ID = "SELECT pg_current_xact_id()::text";
    private static final String ENDED_BEFORE = "SELECT pg_snapshot_xmin(pg_current_snapshot()) >= ?::xid8";
    private static final String PAGE_END = "SELECT global_index FROM domain_event_entry WHERE global_index > ? "
            + "AND global_index <= ? ORDER BY global_index OFFSET ? LIMIT 1";
    private static final String RANGE = "SELECT global_index, aggregate_identifier, sequence_number, event_identifier, "
            + "time_stamp, payload_type, payload_revision, payload, meta_data FROM domain_event_entry "
            + "WHERE global_index > ? AND global_index <= ? ORDER BY global_index";
    /** Rows per round trip of the cursor. */
    private static final int FETCH_SIZE = 1_000;
    /** Entries handed on at once: one write to the client each, of a few hundred kilobytes at most. */
    private static final int BATCH = 100;
    private static final Duration SETTLE_CHECK_INTERVAL = Duration.ofMillis(5);
    /**
     * How long a response waits for the transactions open when it arrived. A transaction open longer (a stuck session
     * holding a transaction id) holds the stream back at the index settled before on this node until it ends.
     */
    private static final Duration SETTLE_WAIT = Duration.ofSeconds(2);

    private final DataSource dataSource;
    private final Serializer serializer;
    private final IncidentContracts incidentContracts;
    /** The highest index this node found settled: still settled, whatever is open now. */
    private final AtomicLong settledEarlier = new AtomicLong(-1);
    private final Map<String, Class<?>> payloadClasses = new ConcurrentHashMap<>();

    public AuditLog(DataSource dataSource, Serializer serializer, IncidentContracts incidentContracts) {
        this.dataSource = dataSource;
        this.serializer = serializer;
        this.incidentContracts = incidentContracts;
    }

    /**
     * A page: at most {@code limit} stored events after {@code after} (-1: from the first), up to the settled end. At
     * most {@code limit} events are read from the store whoever asks, so that a caller whose contracts hold few events
     * costs no more than one who sees everything.
     */
    public Mono<Range> page(long after, int limit) {
        return Mono.fromCallable(() -> fullPageSettledEarlier(after, limit))
                .flatMap(Mono::justOrEmpty)
                .switchIfEmpty(settledIndex()
                        .flatMap(settled -> Mono.fromCallable(() -> new Range(after, pageEnd(after, limit, settled)))))
                .subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * The page, when a whole page lies below the index this node found settled before: no index up to that one can
     * appear any more, so the page is the one a fresher settled index would give, and a replay of the history (every
     * page but the last below it) does not wait for the transactions open at each request.
     */
    private Optional<Range> fullPageSettledEarlier(long after, int limit) throws SQLException {
        long settled = settledEarlier.get();
        return settled <= after ? Optional.empty() : lastOfPage(after, limit, settled).map(last -> new Range(after, last));
    }

    /** Every stored event after {@code after} (-1: from the first) up to the settled end, for a replay in one response. */
    public Mono<Range> rest(long after) {
        return settledIndex().map(settled -> new Range(after, Math.max(after, settled)));
    }

    /**
     * The range's events in order, of the {@code visibleContracts} only (null: of all): a contract's own events and
     * those of its incidents. Read as the subscriber asks for them, on a worker thread; cancelling closes the cursor.
     */
    public Flux<List<Entry>> entries(Range range, Set<String> visibleContracts) {
        if (range.isEmpty()) {
            return Flux.empty();
        }
        return Flux.using(() -> new Cursor(range, visibleContracts),
                        cursor -> Flux.<List<Entry>>generate(cursor::next),
                        Cursor::close)
                .subscribeOn(Schedulers.boundedElastic())
                .cancelOn(Schedulers.boundedElastic());
    }

    private record Taken(long lastIndex, String laterTransaction) {
    }

    private Mono<Long> settledIndex() {
        return Mono.fromCallable(this::takenSoFar)
                .flatMap(taken -> Mono.fromCallable(() -> endedBefore(taken.laterTransaction()))
                        .filter(Boolean::booleanValue)
                        .repeatWhenEmpty(checks -> checks.delayElements(SETTLE_CHECK_INTERVAL, Schedulers.boundedElastic()))
                        .map(ended -> settledEarlier.accumulateAndGet(taken.lastIndex(), Math::max))
                        .timeout(SETTLE_WAIT, Mono.fromSupplier(settledEarlier::get), Schedulers.boundedElastic()))
                .subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * The last index taken, then (a later statement, a transaction of its own that ends at once) a new transaction id:
     * whoever took an index up to the first had its transaction id before, so below the second.
     */
    private Taken takenSoFar() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            long lastIndex;
            try (ResultSet sequence = statement.executeQuery(LAST_TAKEN)) {
                sequence.next();
                lastIndex = sequence.getBoolean("is_called") ? sequence.getLong("last_value") : 0;
            }
            try (ResultSet transaction = statement.executeQuery(NEW_TRANSACTION_ID)) {
                transaction.next();
                return new Taken(lastIndex, transaction.getString(1));
            }
        }
    }

    /**
     * Whether every transaction with an id below {@code laterTransaction}, which has ended itself, has committed or
     * rolled back: the oldest still running is then at or above it.
     */
    private boolean endedBefore(String laterTransaction) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(ENDED_BEFORE)) {
            statement.setString(1, laterTransaction);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    private long pageEnd(long after, int limit, long settled) throws SQLException {
        if (settled <= after) {
            return after;
        }
        return lastOfPage(after, limit, settled).orElse(settled);
    }

    /** The index of the {@code limit}-th event after {@code after} up to {@code settled}, if there are that many. */
    private Optional<Long> lastOfPage(long after, int limit, long settled) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(PAGE_END)) {
            statement.setLong(1, after);
            statement.setLong(2, settled);
            statement.setInt(3, limit - 1);
            try (ResultSet last = statement.executeQuery()) {
                return last.next() ? Optional.of(last.getLong(1)) : Optional.empty();
            }
        }
    }

    /** A read-only transaction over the range: PostgreSQL streams by the fetch size only inside a transaction. */
    private final class Cursor implements AutoCloseable {

        private final Set<String> visibleContracts;
        private final Connection connection;
        private PreparedStatement statement;
        private ResultSet rows;
        private boolean closed;

        Cursor(Range range, Set<String> visibleContracts) throws SQLException {
            this.visibleContracts = visibleContracts;
            this.connection = dataSource.getConnection();
            try {
                connection.setAutoCommit(false);
                connection.setReadOnly(true);
                statement = connection.prepareStatement(RANGE, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
                statement.setFetchSize(FETCH_SIZE);
                statement.setLong(1, range.after());
                statement.setLong(2, range.through());
                rows = statement.executeQuery();
            } catch (SQLException | RuntimeException e) {
                close();
                throw e;
            }
        }

        /** Synchronized with {@link #close()}: a cancel arrives on another thread while a batch is being read. */
        synchronized void next(SynchronousSink<List<Entry>> sink) {
            if (closed) {
                sink.complete();
                return;
            }
            List<Entry> batch = new ArrayList<>(BATCH);
            try {
                while (batch.size() < BATCH && rows.next()) {
                    if (visibleContracts == null) {
                        batch.add(entry(rows, asStoredOrRead(rows)));
                    } else {
                        Object payload = payloadOf(rows);
                        if (isVisible(payload, visibleContracts)) {
                            batch.add(entry(rows, asStoredOrRead(rows, payload)));
                        }
                    }
                }
            } catch (SQLException e) {
                sink.error(e);
                return;
            }
            if (batch.isEmpty()) {
                sink.complete();
            } else {
                sink.next(batch);
            }
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try (connection; PreparedStatement ignored = statement; ResultSet alsoIgnored = rows) {
                connection.rollback();
            } catch (SQLException e) {
                throw new IllegalStateException("could not close the audit cursor", e);
            }
        }
    }

    /** Columns by their position in {@link #RANGE}. */
    private Object payloadOf(ResultSet row) throws SQLException {
        return serializer.deserialize(new SimpleSerializedObject<>(row.getBytes(8), byte[].class, row.getString(6),
                row.getString(7)));
    }

    /**
     * The payload as stored when it was stored at its type's current revision: the same JSON the codec writes for the
     * record read back (checked for every event type by {@code AuditStreamTest}, and an event's fields cannot change
     * without a new revision: {@code EventRevisionsTest}), without reading it into the record and writing it again.
     * A payload of an earlier revision is read as Axon reads it, so that it shows the fields of today's record.
     */
    private Object asStoredOrRead(ResultSet row) throws SQLException {
        return isCurrentRevision(row) ? storedJson(row) : payloadOf(row);
    }

    private Object asStoredOrRead(ResultSet row, Object payload) throws SQLException {
        return isCurrentRevision(row) ? storedJson(row) : payload;
    }

    private boolean isCurrentRevision(ResultSet row) throws SQLException {
        return Objects.equals(EventHistory.revisionOf(payloadType(row)), row.getString(7));
    }

    private static RawValue storedJson(ResultSet row) throws SQLException {
        return new RawValue(new String(row.getBytes(8), StandardCharsets.UTF_8));
    }

    private Class<?> payloadType(ResultSet row) throws SQLException {
        return payloadClasses.computeIfAbsent(row.getString(6),
                type -> serializer.classForType(new SimpleSerializedType(type, null)));
    }

    private Entry entry(ResultSet row, Object payload) throws SQLException {
        Class<?> payloadType = payloadType(row);
        byte[] metaData = row.getBytes(9);
        MetaData metadata = metaData == null ? MetaData.emptyInstance()
                : serializer.deserialize(new SimpleSerializedObject<>(metaData, byte[].class, MetaData.class.getName(), null));
        return new Entry(row.getLong(1), row.getString(2), row.getLong(3), row.getString(4), payloadType.getSimpleName(),
                EventHistory.revisionOf(payloadType), DateTimeUtils.parseInstant(row.getString(5)), payload, metadata);
    }

    private boolean isVisible(Object payload, Set<String> visibleContracts) {
        String contract = contractOf(payload);
        return contract != null && visibleContracts.contains(contract);
    }

    private String contractOf(Object payload) {
        if (payload instanceof ContractEvent contract) {
            return contract.contractId().value();
        }
        if (payload instanceof IncidentOpened opened) {
            incidentContracts.remember(opened);
            return opened.contractId().value();
        }
        if (payload instanceof IncidentEvent incident) {
            return incidentContracts.contractOf(incident.incidentId()).orElse(null);
        }
        return null;
    }
}
