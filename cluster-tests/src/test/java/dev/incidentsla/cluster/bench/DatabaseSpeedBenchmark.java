package dev.incidentsla.cluster.bench;

import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.contract.ProgramEntitlement;
import dev.incidentsla.api.contract.SupportLocation;
import dev.incidentsla.contract.ContractService;
import dev.incidentsla.projection.health.Processors;
import dev.incidentsla.service.RequestContext;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static dev.incidentsla.cluster.bench.BenchProcesses.BROKER_MAIN;
import static dev.incidentsla.cluster.bench.BenchProcesses.INCIDENT_MAIN;
import static dev.incidentsla.cluster.bench.BenchProcesses.PROJECTION_MAIN;
import static dev.incidentsla.cluster.bench.BenchProcesses.cpuModel;
import static dev.incidentsla.cluster.bench.BenchProcesses.incidentArguments;
import static dev.incidentsla.cluster.bench.BenchProcesses.memoryGiB;
import static dev.incidentsla.cluster.bench.BenchProcesses.projectionArguments;
import static dev.incidentsla.cluster.bench.BenchProcesses.queryLong;
import static dev.incidentsla.cluster.bench.BenchProcesses.queryString;

/**
 * The write and read paths beside raw PostgreSQL, all in one run on one database (issue 9, BENCHMARKS.md): one
 * embedded PostgreSQL (durable, as the service's own), a KRaft broker, one incident-service and one sla-projection node
 * as processes of their own, and this JVM as the only client. Not a test: run it by hand, see the {@code benchmarks}
 * profile of this module's pom ({@code -Dbench=database-speed}).
 *
 * <ol>
 *   <li>Preloads {@code -Devents} (200,000) {@code IncidentOpened} events straight into the store: {@code -Dpreloaded}
 *   (50,000) of them through {@link Preload} (events mode, both deadlines of each in {@code scheduled_tasks}) from an
 *   in-process incident-service context, which also migrates the database, the rest as copies of those in SQL. Then
 *   starts the broker and the two nodes, timing the incident service's start to {@code /actuator/health} UP (the
 *   projection's first start also catches up with the preload).</li>
 *   <li>Warm-up, not measured: {@code -Dwarmup} (120) seconds of whole lives (open, re-grade, first response, close) on
 *   {@code -Dconnections} (8) keep-alive connections, the lives per second logged and reported in windows of 15 s.</li>
 *   <li>Raw PostgreSQL, right before the opens: as many JDBC connections in a closed loop for {@code -Dseconds} (30),
 *   each inserting one row a transaction into a scratch copy of {@code domain_event_entry} (same columns, indexes and
 *   unique keys): a fresh event id and aggregate id, a 600-byte payload, metadata copied from a stored event.</li>
 *   <li>Opens over REST: a closed loop of {@code POST /api/v1/incidents} (Sev 1, round robin over {@code -Dcontracts}
 *   contracts registered with PUT) for {@code -Dseconds}.</li>
 *   <li>Re-grade, first response and close of every incident the measured opens opened, one kind after the other.</li>
 *   <li>The audit stream, read whole in pages of {@code -Dpage} (1,000) ({@link AuditStreamReader}), against
 *   {@code COPY (SELECT * FROM domain_event_entry) TO STDOUT}.</li>
 *   <li>Start-up of the projection with its tokens at the head, then its catch-up from zero: stopped, its processors'
 *   {@code token_entry} rows and its read model deleted, started again, timed until every segment's token reached the
 *   head of the store.</li>
 * </ol>
 *
 * {@code -Dshort=true}: 20,000 events (5,000 preloaded), 15 s loops, 5 s warm-up. {@code -DauditReplay=true} also
 * reads the whole stream in one response ({@code ?all=true}), where the service has that form. Other settings:
 * {@code -DpreloadThreads=4}, {@code -Ddurable=true}, {@code -DkeepData=false}, {@code -DstatementStats=false} (logs
 * each measured phase's statements per operation from {@code pg_stat_statements}, PostgreSQL's CPU per operation by
 * kind of process, and each table's rows per operation), and BenchNode's {@code -DnodeJit},
 * {@code -DnodeArgs}, {@code -DnodeJvm}. Prints a Markdown block for BENCHMARKS.md; node logs stay in the run's directory.
 */
public final class DatabaseSpeedBenchmark {

    private static final boolean SHORT = Boolean.getBoolean("short");
    private static final int EVENTS = Integer.getInteger("events", SHORT ? 20_000 : 200_000);
    /** Events appended through Preload (with their deadlines); the rest up to EVENTS are copies of them made in SQL. */
    private static final int PRELOADED = Math.min(EVENTS, Integer.getInteger("preloaded", SHORT ? 5_000 : 50_000));
    private static final Duration LOOP = Duration.ofSeconds(Long.getLong("seconds", SHORT ? 15 : 30));
    /**
     * Whole lives of incidents before anything is measured: a service meets a burst after hours of ordinary traffic,
     * with its command paths compiled, and the just-compiled JVM of the first minutes is not what users live with.
     */
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("warmup", SHORT ? 5 : 120));
    private static final Duration WARM_UP_WINDOW = Duration.ofSeconds(15);
    private static final int CONNECTIONS = Integer.getInteger("connections", 8);
    private static final int PAGE = Integer.getInteger("page", 1_000);
    /** Also a whole replay in one response, {@code GET /api/v1/audit/events?all=true}, where the service has it. */
    private static final boolean AUDIT_REPLAY = Boolean.getBoolean("auditReplay");
    private static final int CONTRACTS = Integer.getInteger("contracts", 4);
    private static final int PRELOAD_THREADS = Integer.getInteger("preloadThreads", 4);
    private static final boolean DURABLE = Boolean.parseBoolean(System.getProperty("durable", "true"));
    private static final boolean KEEP_DATA = Boolean.getBoolean("keepData");
    /** Also logs what PostgreSQL executed per operation in each measured phase ({@link StatementCount}). */
    private static final boolean STATEMENT_STATS = Boolean.getBoolean("statementStats");

    private static final int PAYLOAD_BYTES = 600;
    private static final String SCRATCH_TABLE = "bench_raw_event";
    private static final Duration PHASE_LIMIT = Duration.ofMinutes(30);
    private static final Duration START_PATIENCE = Duration.ofMinutes(3);
    private static final Pattern TOKEN_INDEX = Pattern.compile("\"index\"\\s*:\\s*(\\d+)");
    private static final Pattern REPLAY_POSITION = Pattern.compile("\"currentToken\"\\s*:\\s*(null|\\{[^}]*?\"index\"\\s*:\\s*(\\d+))");
    private static final String INCIDENTS = "/api/v1/incidents";
    /** The changes measured after the opens, in their order: each once for every incident the opens opened. */
    private static final List<Change> CHANGES = List.of(
            new Change("re-grade", "regrade", "{\"severity\": \"A\", \"reason\": \"database speed\"}"),
            new Change("first response", "first-response", "{\"channel\": \"PHONE\", \"engineer\": \"eng-7\"}"),
            new Change("close", "close", "{\"resolution\": \"database speed\"}"));
    private static final Instant STARTED = Instant.now();

    /** Everything to stop at the end, or on the way out after a failure (the shutdown hook). */
    private static final BenchProcesses<BenchNode> processes = new BenchProcesses<>(BenchNode::close, BenchNode::kill, KEEP_DATA);
    /** Null unless {@code -DstatementStats=true}. */
    private static StatementCount statements;

    private DatabaseSpeedBenchmark() {
    }

    public static void main(String[] args) {
        processes.runThenExit(DatabaseSpeedBenchmark::run, processes::close);
    }

    /** A closed loop's outcome with the CPU each process used meanwhile (cores). */
    private record Phase(String name, ClosedLoop.Result result, Map<String, Double> cores) {
    }

    /** A catch-up from zero: from launch and from the processors' first token claim to the head. */
    private record CatchUp(long events, Duration fromLaunch, Duration fromClaim) {
        double perSecond() {
            return events / Math.max(1e-9, fromClaim.toNanos() / 1e9);
        }
    }

    private record Copy(long rows, long bytes, Duration took) {
        double perSecond() {
            return rows / Math.max(1e-9, took.toNanos() / 1e9);
        }
    }

    private static void run() throws Exception {
        Path directory = Files.createTempDirectory("database-speed");
        Path logs = Files.createDirectories(directory.resolve("logs"));
        Path dataDirectory = directory.resolve("postgres");
        log("events=%,d loops %d s (warm-up %d s) connections=%d page=%,d durable=%s%s; node logs in %s", EVENTS,
                LOOP.toSeconds(), WARM_UP.toSeconds(), CONNECTIONS, PAGE, DURABLE, SHORT ? " (short)" : "", logs);

        String jdbcUrl = processes.startPostgres(dataDirectory, DURABLE,
                STATEMENT_STATS ? StatementCount.serverSettings() : Map.of());
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setURL(jdbcUrl);
        db.setUser("postgres");
        statements = STATEMENT_STATS ? StatementCount.install(db, dataDirectory) : null;
        String postgresVersion = queryString(db, "SHOW server_version");
        log("PostgreSQL %s on %s", postgresVersion, jdbcUrl);

        // 1. Preload (and migrate), before any node runs.
        ConfigurableApplicationContext preloader = processes.startPreloader(jdbcUrl);
        ContractId preloadContract = new ContractId("contoso");
        preloader.getBean(ContractService.class).register(preloadContract, "Contoso", SupportLocation.of("Asia/Jakarta", "ID"),
                List.of(ProgramEntitlement.of("UER")), new RequestContext("bench", UUID.randomUUID().toString()));
        log("preloading %,d IncidentOpened events straight into the store (%d threads) ...", PRELOADED, PRELOAD_THREADS);
        Preload.Result preload = Preload.run(preloader, "events", preloadContract, PRELOADED, PRELOAD_THREADS, PHASE_LIMIT);
        log("preloaded %,d in %.1f s (%.0f/s, %d failed%s)", preload.opened(), preload.took().toMillis() / 1000.0,
                preload.perSecond(), preload.failed(), preload.firstFailure() == null ? "" : "; first: " + preload.firstFailure());
        processes.closePreloader();
        if (EVENTS > PRELOADED) {
            copyPreloaded(db, EVENTS - PRELOADED);
        }

        int brokerPort = BenchNode.freeBrokerPort();
        String bootstrap = "127.0.0.1:" + brokerPort;
        processes.add(BenchNode.start("kafka", logs, brokerPort, BROKER_MAIN,
                processes.brokerArguments(directory.resolve("kafka"), brokerPort))).awaitListening(Duration.ofSeconds(60));
        log("Kafka broker on %s", bootstrap);

        long launched = System.nanoTime();
        BenchNode incident = startIncident(logs, jdbcUrl).awaitHealthy(START_PATIENCE);
        Duration incidentStart = Duration.ofNanos(System.nanoTime() - launched);
        log("incident-service UP %.1f s after its launch", seconds(incidentStart));
        launched = System.nanoTime();
        BenchNode projection = startProjection(logs, jdbcUrl, bootstrap, "projection").awaitHealthy(catchUpPatience());
        log("sla-projection UP %.1f s after its launch (a first start: it caught up with the preload first)",
                seconds(Duration.ofNanos(System.nanoTime() - launched)));

        CpuUse cpu = new CpuUse(mapOf("incident-service", INCIDENT_MAIN, "sla-projection", PROJECTION_MAIN), dataDirectory);
        List<Phase> phases = new ArrayList<>();
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        List<String> contracts = registerContracts(incident.port(), run);

        // 2. An unmeasured warm-up of whole lives.
        List<Double> warmUpRates = warmUp(incident.port(), run + "w", contracts);

        // 3. Raw PostgreSQL inserts shaped like domain_event_entry, right before the opens: the raw rate is bound by the
        // disk's flushes, which vary with the host from one minute to the next.
        createScratchTable(db);
        phases.add(measure(cpu, "raw INSERT (autocommit)", () -> rawInserts(db, run)));
        // Its rows would be vacuumed and analysed by autovacuum during the opens (seen: about 90 µs of PostgreSQL's CPU
        // per open), work the raw phase caused and did not pay for.
        dropScratchTable(db);

        // 4. Opens over REST.
        ConcurrentLinkedQueue<String> opened = new ConcurrentLinkedQueue<>();
        CommandGroupCount groups = CommandGroupCount.read(incident.port());
        phases.add(measure(cpu, "open", () -> ClosedLoop.forDuration(CONNECTIONS, LOOP,
                index -> openWorker(incident.port(), run, contracts, opened))));
        groups = logGroups("open", incident.port(), groups);

        // 5. Changes to every incident the measured opens opened.
        List<String> incidents = List.copyOf(opened);
        for (Change change : CHANGES) {
            phases.add(measure(cpu, change.phase(), () -> changeAll(incident.port(), incidents, change)));
            groups = logGroups(change.phase(), incident.port(), groups);
        }

        // 6. The audit stream against a COPY of the table.
        long stored = queryLong(db, "SELECT count(*) FROM domain_event_entry");
        log("audit stream: reading %,d stored events in pages of %,d (load average %s) ...", stored, PAGE, loadAverage());
        CpuUse.Reading beforeAudit = cpu.read();
        AuditStreamReader.Result audit = new AuditStreamReader(incident.port()).readAllPaged(PAGE);
        Map<String, Double> auditCores = cpu.read().coresSince(beforeAudit);
        log("audit stream: %,d events in %.1f s (%.0f/s, %,d bytes, %,d pages); CPU %s", audit.events(), seconds(audit.took()),
                audit.eventsPerSecond(), audit.bytes(), audit.requests(), coresLine(auditCores));
        if (audit.events() != stored) {
            log("WARNING: the audit stream gave %,d events, the table holds %,d", audit.events(), stored);
        }
        AuditStreamReader.Result replay = null;
        if (AUDIT_REPLAY) {
            replay = new AuditStreamReader(incident.port()).readOnce(AuditStreamReader.EVENTS_PATH + "?after=-1&all=true");
            log("audit replay in one response: %,d events in %.1f s (%.0f/s, %,d bytes)", replay.events(), seconds(replay.took()),
                    replay.eventsPerSecond(), replay.bytes());
        }
        CpuUse.Reading beforeCopy = cpu.read();
        Copy copy = copyTable(db);
        Map<String, Double> copyCores = cpu.read().coresSince(beforeCopy);
        log("COPY: %,d rows in %.2f s (%.0f/s, %,d bytes); CPU %s", copy.rows(), seconds(copy.took()), copy.perSecond(),
                copy.bytes(), coresLine(copyCores));

        // 7. The projection: a start with its tokens at the head, then a catch-up from zero.
        projection.close();
        processes.remove(projection);
        launched = System.nanoTime();
        projection = startProjection(logs, jdbcUrl, bootstrap, "projection-restart").awaitHealthy(START_PATIENCE);
        Duration projectionStart = Duration.ofNanos(System.nanoTime() - launched);
        log("sla-projection UP %.1f s after its launch (tokens at the head)", seconds(projectionStart));
        projection.close();
        processes.remove(projection);
        long events = resetProjection(db);
        long head = queryLong(db, "SELECT coalesce(max(global_index), -1) FROM domain_event_entry");
        log("projection reset (tokens of %s and its read model deleted): catching up with %,d events ...", Processors.NAMES,
                events);
        log("load average %s", loadAverage());
        CpuUse.Reading beforeCatchUp = cpu.read();
        launched = System.nanoTime();
        projection = startProjection(logs, jdbcUrl, bootstrap, "projection-catch-up");
        CatchUp catchUp = awaitCaughtUp(db, projection, launched, head, events);
        Map<String, Double> catchUpCores = cpu.read().coresSince(beforeCatchUp);
        log("caught up: %.1f s from launch, %.1f s from the first token claim (%.0f events/s); CPU %s",
                seconds(catchUp.fromLaunch()), seconds(catchUp.fromClaim()), catchUp.perSecond(), coresLine(catchUpCores));

        report(warmUpRates, phases, audit, replay, auditCores, copy, copyCores, catchUp, catchUpCores, incidentStart,
                projectionStart, stored, postgresVersion);
    }

    // ------------------------------------------------------------------------------------------------ workloads

    @FunctionalInterface
    private interface Loop {
        ClosedLoop.Result run() throws Exception;
    }

    private static Phase measure(CpuUse cpu, String name, Loop loop) throws Exception {
        log("%s: %d connections (load average %s) ...", name, CONNECTIONS, loadAverage());
        if (statements != null) {
            statements.reset();
        }
        CpuUse.Reading before = cpu.read();
        ClosedLoop.Result result = loop.run();
        Map<String, Double> cores = cpu.read().coresSince(before);
        if (statements != null) {
            log("%s: %s", name, statements.since(result.done()));
            log("%s: %s", name, statements.processesSince(result.done()));
            log("%s: %s", name, statements.tablesSince(result.done()));
        }
        log("%s: %,d in %.1f s = %.0f/s, p50 %s p99 %s, %d failed%s; CPU %s", name, result.done(), result.seconds(),
                result.perSecond(), Stats.ms(result.latency().p50()), Stats.ms(result.latency().p99()), result.failed(),
                result.firstFailure() == null ? "" : " (first: " + result.firstFailure() + ")", coresLine(cores));
        return new Phase(name, result, cores);
    }

    private static CommandGroupCount logGroups(String phase, int port, CommandGroupCount before) throws IOException {
        CommandGroupCount now = CommandGroupCount.read(port);
        log("%s: %s", phase, now.since(before));
        return now;
    }

    private static List<String> registerContracts(int port, String run) throws IOException {
        List<String> ids = new ArrayList<>();
        try (KeepAliveHttp http = new KeepAliveHttp(port)) {
            for (int i = 0; i < CONTRACTS; i++) {
                String id = "dbs-" + run + "-" + i;
                KeepAliveHttp.Response response = http.send("PUT", "/api/v1/contracts/" + id, """
                        {"customerName": "Customer %d", "supportLocation": {"timeZone": "Asia/Jakarta", "country": "ID"},
                         "programs": [{"program": "UER"}]}""".formatted(i));
                if (response.status() != 200) {
                    throw new IllegalStateException("PUT contract " + id + " answered " + response.status() + ": "
                            + response.text());
                }
                ids.add(id);
            }
        }
        return ids;
    }

    /**
     * Appends {@code count} more IncidentOpened events, copies of the preloaded ones under new incident and event ids
     * (the id rewritten in the payload too), in SQL: a store of a million events in minutes rather than the hour Preload
     * would take. The copies have no deadlines in {@code scheduled_tasks}; the reads measured here do not look there.
     */
    private static void copyPreloaded(PGSimpleDataSource db, long count) throws SQLException {
        log("copying the preloaded events in SQL up to %,d events ...", EVENTS);
        long started = System.nanoTime();
        long copied = 0;
        try (Connection connection = db.getConnection();
             PreparedStatement copy = connection.prepareStatement("INSERT INTO domain_event_entry (event_identifier,"
                     + " aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data)"
                     + " SELECT gen_random_uuid()::text, aggregate_identifier || ?, sequence_number, type, time_stamp, payload_type,"
                     + " payload_revision, convert_to(replace(convert_from(payload, 'UTF8'), '\"' || incident || '\"',"
                     + " '\"' || incident || ? || '\"'), 'UTF8'), meta_data"
                     // the aggregate identifier is the incident id with its type prefix ("incident:PRE-1"), the payload holds the id
                     + " FROM (SELECT *, regexp_replace(aggregate_identifier, '^[^:]*:', '') AS incident FROM domain_event_entry"
                     + " WHERE aggregate_identifier LIKE ? AND payload_type LIKE '%.IncidentOpened' ORDER BY global_index LIMIT ?)"
                     + " AS preloaded")) {
            for (int round = 1; copied < count; round++) {
                String suffix = "-c" + round;
                copy.setString(1, suffix);
                copy.setString(2, suffix);
                copy.setString(3, "%:" + Preload.PREFIX + "%");
                copy.setLong(4, Math.min(PRELOADED, count - copied));
                int rows = copy.executeUpdate();
                if (rows == 0) {
                    throw new IllegalStateException("no preloaded IncidentOpened event to copy");
                }
                copied += rows;
            }
        }
        log("copied %,d events in %.1f s", copied, (System.nanoTime() - started) / 1e9);
    }

    private static void createScratchTable(PGSimpleDataSource db) throws SQLException {
        try (Connection connection = db.getConnection(); Statement ddl = connection.createStatement()) {
            ddl.execute("DROP TABLE IF EXISTS " + SCRATCH_TABLE);
            ddl.execute("CREATE TABLE " + SCRATCH_TABLE + " (LIKE domain_event_entry INCLUDING ALL)");
            // LIKE copies the default nextval of the store's own sequence: give the scratch table its own, so the store
            // gets no gaps from this benchmark.
            ddl.execute("CREATE SEQUENCE " + SCRATCH_TABLE + "_global_index_seq OWNED BY " + SCRATCH_TABLE + ".global_index");
            ddl.execute("ALTER TABLE " + SCRATCH_TABLE + " ALTER COLUMN global_index SET DEFAULT nextval('"
                    + SCRATCH_TABLE + "_global_index_seq')");
        }
    }

    private static void dropScratchTable(PGSimpleDataSource db) throws SQLException {
        try (Connection connection = db.getConnection(); Statement ddl = connection.createStatement()) {
            ddl.execute("DROP TABLE " + SCRATCH_TABLE);
        }
    }

    private static ClosedLoop.Result rawInserts(PGSimpleDataSource db, String run) throws Exception {
        String type;
        String payloadType;
        byte[] metaData;
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT type, payload_type, meta_data FROM domain_event_entry"
                     + " ORDER BY global_index DESC LIMIT 1")) {
            row.next();
            type = row.getString(1);
            payloadType = row.getString(2);
            metaData = row.getBytes(3);
        }
        String sql = "INSERT INTO " + SCRATCH_TABLE + " (event_identifier, aggregate_identifier, sequence_number, type,"
                + " time_stamp, payload_type, payload_revision, payload, meta_data) VALUES (?, ?, 0, ?, ?, ?, NULL, ?, ?)";
        return ClosedLoop.forDuration(CONNECTIONS, LOOP, index -> {
            Connection connection = db.getConnection();
            connection.setAutoCommit(true);
            PreparedStatement insert = connection.prepareStatement(sql);
            byte[] payload = new byte[PAYLOAD_BYTES];
            new Random(index).nextBytes(payload);
            return new ClosedLoop.Worker() {
                @Override
                public boolean call(long n) throws SQLException {
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setString(2, "RAW-" + run + "-" + n);
                    insert.setString(3, type);
                    insert.setString(4, Instant.now().toString());
                    insert.setString(5, payloadType);
                    insert.setBytes(6, payload);
                    insert.setBytes(7, metaData);
                    return insert.executeUpdate() == 1;
                }

                @Override
                public void close() throws SQLException {
                    connection.close();
                }
            };
        });
    }

    private static ClosedLoop.Worker openWorker(int port, String run, List<String> contracts, ConcurrentLinkedQueue<String> opened) {
        KeepAliveHttp http = new KeepAliveHttp(port);
        return new ClosedLoop.Worker() {
            @Override
            public boolean call(long n) throws IOException {
                opened.add(open(http, run, contracts, n));
                return true;
            }

            @Override
            public void close() {
                http.close();
            }
        };
    }

    /**
     * {@code -Dwarmup} seconds of whole lives (open, re-grade, first response, close, one after the other on each
     * connection), in windows of {@link #WARM_UP_WINDOW}: the lives per second of each window, logged as they come, so
     * that a run shows how the service's rate grows while its JVM compiles the command paths.
     */
    private static List<Double> warmUp(int port, String run, List<String> contracts) throws InterruptedException {
        log("warm-up: whole lives of incidents over REST for %d s, not measured", WARM_UP.toSeconds());
        List<Double> rates = new ArrayList<>();
        long windows = Math.max(1, (WARM_UP.toSeconds() + WARM_UP_WINDOW.toSeconds() - 1) / WARM_UP_WINDOW.toSeconds());
        for (long window = 0; window < windows; window++) {
            String windowRun = run + window;
            ClosedLoop.Result lives = ClosedLoop.forDuration(CONNECTIONS, WARM_UP.dividedBy(windows), index -> {
                KeepAliveHttp http = new KeepAliveHttp(port);
                return new ClosedLoop.Worker() {
                    @Override
                    public boolean call(long n) throws IOException {
                        String incidentId = open(http, windowRun, contracts, n);
                        for (Change change : CHANGES) {
                            change.send(http, incidentId);
                        }
                        return true;
                    }

                    @Override
                    public void close() {
                        http.close();
                    }
                };
            });
            rates.add(lives.perSecond());
            log("warm-up window %d: %,d lives (%.0f/s, %.0f requests/s), %d failed%s (load average %s)", window + 1,
                    lives.done(), lives.perSecond(), (1 + CHANGES.size()) * lives.perSecond(), lives.failed(),
                    lives.firstFailure() == null ? "" : "; first: " + lives.firstFailure(), loadAverage());
        }
        return rates;
    }

    /** Opens incident {@code DBS-run-n} (Sev 1, round robin over the contracts) and answers its id. */
    private static String open(KeepAliveHttp http, String run, List<String> contracts, long n) throws IOException {
        String incidentId = "DBS-" + run + "-" + n;
        KeepAliveHttp.Response response = http.send("POST", INCIDENTS, """
                {"incidentId": "%s", "contractId": "%s", "severity": "1", "product": "azure-virtual-machines",
                 "channel": "PHONE", "title": "database speed"}""".formatted(incidentId,
                contracts.get((int) (n % contracts.size()))));
        if (response.status() != 201) {
            throw new IOException("open " + incidentId + " answered " + response.status() + ": " + response.text());
        }
        return incidentId;
    }

    /** A change measured after the opens: its phase's name, its path after the incident's, its body. */
    private record Change(String phase, String path, String body) {

        void send(KeepAliveHttp http, String incidentId) throws IOException {
            String target = INCIDENTS + "/" + incidentId + "/" + path;
            KeepAliveHttp.Response response = http.send("POST", target, body);
            if (response.status() != 200) {
                throw new IOException(target + " answered " + response.status() + ": " + response.text());
            }
        }
    }

    /** {@code POST /api/v1/incidents/{id}/{change}} once for each incident, in a closed loop. */
    private static ClosedLoop.Result changeAll(int port, List<String> incidents, Change change) throws InterruptedException {
        return ClosedLoop.forCount(CONNECTIONS, incidents.size(), PHASE_LIMIT, index -> {
            KeepAliveHttp http = new KeepAliveHttp(port);
            return new ClosedLoop.Worker() {
                @Override
                public boolean call(long n) throws IOException {
                    change.send(http, incidents.get((int) n));
                    return true;
                }

                @Override
                public void close() {
                    http.close();
                }
            };
        });
    }

    private static Copy copyTable(PGSimpleDataSource db) throws SQLException, IOException {
        try (Connection connection = db.getConnection()) {
            long[] bytes = new long[1];
            OutputStream counting = new OutputStream() {
                @Override
                public void write(int b) {
                    bytes[0]++;
                }

                @Override
                public void write(byte[] buffer, int offset, int length) {
                    bytes[0] += length;
                }
            };
            long started = System.nanoTime();
            long rows = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyOut("COPY (SELECT * FROM domain_event_entry) TO STDOUT", counting);
            return new Copy(rows, bytes[0], Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** Deletes the projection's processors' tokens and its read model; the number of events it must then apply. */
    private static long resetProjection(PGSimpleDataSource db) throws SQLException {
        try (Connection connection = db.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement tokens = connection.prepareStatement("DELETE FROM token_entry WHERE processor_name = ANY (?)");
                 Statement statement = connection.createStatement()) {
                tokens.setArray(1, connection.createArrayOf("varchar", Processors.NAMES.toArray()));
                tokens.executeUpdate();
                statement.execute("TRUNCATE sla_read_model");
            }
            connection.commit();
        }
        return queryLong(db, "SELECT count(*) FROM domain_event_entry");
    }

    /**
     * Polls the projection's tokens until every segment of each of its processors has passed {@code head}. The
     * catch-up starts when the processors have claimed their segments (their token rows exist).
     */
    private static CatchUp awaitCaughtUp(PGSimpleDataSource db, BenchNode projection, long launched, long head, long events)
            throws SQLException, InterruptedException {
        long claimed = -1;
        Instant giveUp = Instant.now().plus(catchUpPatience());
        try (Connection connection = db.getConnection();
             PreparedStatement tokens = connection.prepareStatement("SELECT processor_name, token_type, convert_from(token, 'UTF8')"
                     + " FROM token_entry WHERE processor_name = ANY (?)")) {
            tokens.setArray(1, connection.createArrayOf("varchar", Processors.NAMES.toArray()));
            while (true) {
                Map<String, List<Long>> positions = new LinkedHashMap<>();
                try (ResultSet rows = tokens.executeQuery()) {
                    while (rows.next()) {
                        positions.computeIfAbsent(rows.getString(1), name -> new ArrayList<>())
                                .add(position(rows.getString(2), rows.getString(3)));
                    }
                }
                long now = System.nanoTime();
                if (claimed < 0 && positions.keySet().containsAll(Processors.NAMES)) {
                    claimed = now;
                }
                if (claimed >= 0 && positions.values().stream().flatMap(List::stream).allMatch(position -> position >= head)) {
                    return new CatchUp(events, Duration.ofNanos(now - launched), Duration.ofNanos(now - claimed));
                }
                if (!projection.isAlive() || Instant.now().isAfter(giveUp)) {
                    throw new IllegalStateException("the projection did not catch up; tokens: " + positions);
                }
                Thread.sleep(100);
            }
        }
    }

    /**
     * The global position a stored token has reached, -1 before any. A fresh processor starts from a ReplayToken (Axon
     * marks a start from the tail as a replay): its position is its {@code currentToken}'s, not the head it was reset at.
     */
    private static long position(String tokenType, String json) {
        if (json == null) {
            return -1;
        }
        if (tokenType != null && tokenType.endsWith("ReplayToken")) {
            Matcher current = REPLAY_POSITION.matcher(json);
            return current.find() && current.group(2) != null ? Long.parseLong(current.group(2)) : -1;
        }
        Matcher index = TOKEN_INDEX.matcher(json);
        return index.find() ? Long.parseLong(index.group(1)) : -1;
    }

    private static Duration catchUpPatience() {
        return START_PATIENCE.plusSeconds(EVENTS / 100);
    }

    private static BenchNode startIncident(Path logs, String jdbcUrl) throws IOException {
        int port = BenchNode.freePort();
        return processes.add(BenchNode.start("incident", logs, port, INCIDENT_MAIN, incidentArguments(port, jdbcUrl)));
    }

    private static BenchNode startProjection(Path logs, String jdbcUrl, String bootstrap, String name) throws IOException {
        int port = BenchNode.freePort();
        return processes.add(BenchNode.start(name, logs, port, PROJECTION_MAIN,
                projectionArguments(port, jdbcUrl, bootstrap)));
    }

    // ------------------------------------------------------------------------------------------------ report

    private static void report(List<Double> warmUpRates, List<Phase> phases, AuditStreamReader.Result audit,
                               AuditStreamReader.Result replay,
                               Map<String, Double> auditCores, Copy copy,
                               Map<String, Double> copyCores, CatchUp catchUp, Map<String, Double> catchUpCores,
                               Duration incidentStart, Duration projectionStart, long stored, String postgresVersion) {
        Phase raw = phases.get(0);
        double rawRate = raw.result().perSecond();
        StringBuilder md = new StringBuilder();
        md.append(String.format("**%s**, %d cores %s (%s), %s %s, PostgreSQL %s (%s), nodes %s; %d connections, loops of %d s"
                        + " (after a %d s warm-up), %,d events in the store for the reads.%n%n",
                DateTimeFormatter.ISO_LOCAL_DATE.format(STARTED.atOffset(ZoneOffset.UTC)),
                Runtime.getRuntime().availableProcessors(), cpuModel(), memoryGiB(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), postgresVersion, DURABLE ? "fsync and synchronous commit on" : "not durable",
                BenchNode.jit(), CONNECTIONS, LOOP.toSeconds(),
                WARM_UP.toSeconds(), stored));
        md.append(String.format("Load average (1, 5, 15 min) at the end: %s; other processes on the machine count too.%n%n",
                loadAverage()));
        md.append(String.format("Warm-up, whole lives (open, re-grade, first response, close) per second in windows of %d s: %s.%n%n",
                WARM_UP.dividedBy(Math.max(1, warmUpRates.size())).toSeconds(),
                warmUpRates.stream().map(rate -> String.format("%.0f", rate)).collect(Collectors.joining(", "))));
        md.append("| path | this product | raw PostgreSQL, same run | ratio | target |\n|---|---|---|---|---|\n");
        String rawCell = String.format("%,.0f inserts/s (p50 %s, p99 %s)", rawRate, Stats.ms(raw.result().latency().p50()),
                Stats.ms(raw.result().latency().p99()));
        for (Phase phase : phases.subList(1, phases.size())) {
            md.append(String.format("| `%s` | %,.0f/s (p50 %s, p99 %s%s) | %s | %s | %s |%n", pathOf(phase.name()),
                    phase.result().perSecond(), Stats.ms(phase.result().latency().p50()), Stats.ms(phase.result().latency().p99()),
                    phase.result().failed() == 0 ? "" : ", " + phase.result().failed() + " failed", rawCell,
                    percent(phase.result().perSecond(), rawRate),
                    phase.name().equals("open") ? "≥ 25 % (p99 ≤ 50 ms)" : "≥ the opens' rate"));
        }
        md.append(String.format("| audit stream `GET /api/v1/audit/events` paged by %,d | %,.0f events/s | `COPY` of the table:"
                        + " %,.0f rows/s | %s | ≥ 50 %% |%n", PAGE, audit.eventsPerSecond(), copy.perSecond(),
                percent(audit.eventsPerSecond(), copy.perSecond())));
        if (replay != null) {
            md.append(String.format("| audit replay in one response `?all=true` | %,.0f events/s | `COPY`: %,.0f rows/s | %s |"
                    + " ≥ 50 %% |%n", replay.eventsPerSecond(), copy.perSecond(), percent(replay.eventsPerSecond(), copy.perSecond())));
        }
        md.append(String.format("| projection catch-up from zero (%,d events) | %,.0f events/s (%.1f s; %.1f s from launch) | | |"
                + " ≥ 10,000 events/s |%n", catchUp.events(), catchUp.perSecond(), seconds(catchUp.fromClaim()),
                seconds(catchUp.fromLaunch())));
        md.append(String.format("| incident-service launch to health UP | %.1f s | | | ≤ 8 s |%n", seconds(incidentStart)));
        md.append(String.format("| sla-projection launch to health UP (tokens at the head) | %.1f s | | | ≤ 8 s |%n",
                seconds(projectionStart)));
        md.append("\nCPU in cores (of ").append(Runtime.getRuntime().availableProcessors())
                .append("), per phase; the harness is the load client:\n\n");
        md.append("| phase | harness | incident-service | sla-projection | PostgreSQL | per operation (all processes) |\n"
                + "|---|---|---|---|---|---|\n");
        for (Phase phase : phases) {
            md.append(cpuRow(phase.name(), phase.cores(), phase.result().perSecond()));
        }
        md.append(cpuRow("audit stream", auditCores, audit.eventsPerSecond()));
        md.append(cpuRow("COPY", copyCores, copy.perSecond()));
        md.append(cpuRow("catch-up", catchUpCores, catchUp.perSecond()));
        System.out.println();
        System.out.println("=== Markdown for BENCHMARKS.md ===");
        System.out.print(md);
        System.out.println("=== end of Markdown ===");
    }

    private static String pathOf(String phase) {
        return switch (phase) {
            case "open" -> "POST " + INCIDENTS;
            case "re-grade" -> "POST " + INCIDENTS + "/{id}/regrade";
            case "first response" -> "POST " + INCIDENTS + "/{id}/first-response";
            case "close" -> "POST " + INCIDENTS + "/{id}/close";
            default -> phase;
        };
    }

    private static String cpuRow(String name, Map<String, Double> cores, double perSecond) {
        double total = cores.values().stream().mapToDouble(Double::doubleValue).sum();
        return String.format("| %s | %.2f | %.2f | %.2f | %.2f | %s |%n", name, cores.getOrDefault("harness", 0.0),
                cores.getOrDefault("incident-service", 0.0), cores.getOrDefault("sla-projection", 0.0),
                cores.getOrDefault("postgres", 0.0), perSecond <= 0 ? "n/a" : cpuTime(total / perSecond));
    }

    private static String cpuTime(double seconds) {
        return seconds >= 0.001 ? Stats.ms(seconds * 1000) : String.format("%.0f µs", seconds * 1e6);
    }

    private static String coresLine(Map<String, Double> cores) {
        return cores.entrySet().stream().map(entry -> String.format("%s %.2f", entry.getKey(), entry.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String percent(double product, double raw) {
        return raw <= 0 ? "n/a" : String.format("%.1f %%", 100 * product / raw);
    }

    private static Map<String, String> mapOf(String... labelsAndMainClasses) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < labelsAndMainClasses.length; i += 2) {
            map.put(labelsAndMainClasses[i], labelsAndMainClasses[i + 1]);
        }
        return map;
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    // ------------------------------------------------------------------------------------------------ lifecycle

    private static void log(String format, Object... arguments) {
        System.out.printf("[%6.1f s] %s%n", Duration.between(STARTED, Instant.now()).toMillis() / 1000.0,
                String.format(format, arguments));
    }
}
