package dev.incidentsla.projection.bench;

import dev.incidentsla.api.Channel;
import dev.incidentsla.api.FirstResponseStatus;
import dev.incidentsla.api.RegradeEffect;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaClock;
import dev.incidentsla.api.SlaDecision;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.incident.FirstResponseAtRisk;
import dev.incidentsla.api.incident.FirstResponseBreached;
import dev.incidentsla.api.incident.FirstResponseRecorded;
import dev.incidentsla.api.incident.IncidentClosed;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.api.incident.IncidentOpened;
import dev.incidentsla.api.incident.IncidentRegraded;
import dev.incidentsla.eventstore.EventStoreConfiguration;
import dev.incidentsla.projection.SlaProjectionApplication;
import dev.incidentsla.projection.alert.SlaAlerts;
import dev.incidentsla.projection.health.Processors;
import dev.incidentsla.projection.pipeline.KafkaBrokerProcess;
import dev.incidentsla.projection.readmodel.SlaProjector;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import javax.sql.DataSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Load harness for the projection's catch-up (BENCHMARKS.md, issue 9): appends the histories of many incidents
 * straight to the event store (about 3.5 events each: opened, and then re-graded, at risk, responded, breached or
 * closed, the incidents' events interleaved as they are in a real history), then starts the projection on a store it
 * has never read and measures how fast each processor reaches the head: the read model's and, separately, the
 * alerts' (which publishes every recorded at-risk and breach fact to a real broker, with the ids of their first
 * publication). Then resets the read model's tokens and replays the whole history over the rows already built (every
 * event is one already applied). Checks the read model's final state. {@code -Djfr=FILE} records the catch-up with
 * Java Flight Recorder's profiling settings. Not a test: run it by hand (see BENCHMARKS.md).
 */
public final class CatchUpBenchmark {

    private static final int INCIDENTS = Integer.getInteger("incidents", 50_000);
    /** Incidents whose events are appended together; an incident's events are a window apart in the history. */
    private static final int WINDOW = 1_000;
    private static final int LONGEST_HISTORY = 4;
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(30);
    private static final List<String> PROCESSORS = List.of(SlaProjector.PROCESSING_GROUP, SlaAlerts.PROCESSING_GROUP);

    private CatchUpBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path directory = Files.createTempDirectory("catch-up-benchmark");
        KafkaBrokerProcess broker = new KafkaBrokerProcess(Files.createDirectories(directory.resolve("kafka")));
        broker.start();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        try {
            DataSource dataSource = postgres.getPostgresDatabase();
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            Instant appending = Instant.now();
            Histories histories = append(dataSource);
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
            System.out.printf("appended %d events of %d incidents (%d at-risk and breach facts) in %s; head %d%n",
                    histories.events(), INCIDENTS, histories.alerts(), Duration.between(appending, Instant.now()), head);

            Recording recording = startRecordingIfAsked();
            long postmaster = postmaster(dataSource);
            Cpu before = Cpu.now(postmaster);
            Instant starting = Instant.now();
            ConfigurableApplicationContext projection = SlaProjectionApplication.application().run("--server.port=0",
                    "--logging.level.root=WARN",
                    "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                    "--sla-projection.kafka.bootstrap-servers=" + broker.bootstrapServers());
            try {
                Instant started = Instant.now();
                System.out.printf("projection context started in %s%n", Duration.between(starting, started));
                Cpu.now(postmaster).minus(before).report("start, processors already running", histories.events());
                Processors processors = projection.getBean(Processors.class);
                Map<String, Instant> reached = new TreeMap<>();
                await(() -> {
                    for (String name : PROCESSORS) {
                        if (!reached.containsKey(name) && atHead(processors, name, head)) {
                            reached.put(name, Instant.now());
                        }
                    }
                    return reached.size() == PROCESSORS.size();
                });
                stopRecording(recording);
                reached.forEach((name, at) -> report("from zero, " + name, histories.events(), Duration.between(starting, at)));
                Cpu.now(postmaster).minus(before).report("from zero, both processors", histories.events());
                verify(jdbc, histories);

                StreamingEventProcessor readModel = projection.getBean(EventProcessingConfiguration.class)
                        .eventProcessor(SlaProjector.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
                readModel.shutDown();
                readModel.resetTokens();
                Cpu beforeReplay = Cpu.now(postmaster);
                Instant replaying = Instant.now();
                readModel.start();
                await(() -> atHead(processors, SlaProjector.PROCESSING_GROUP, head));
                report("replay after a reset (rows already built), " + SlaProjector.PROCESSING_GROUP, histories.events(),
                        Duration.between(replaying, Instant.now()));
                Cpu.now(postmaster).minus(beforeReplay).report("replay after a reset", histories.events());
                verify(jdbc, histories);
            } finally {
                projection.close();
            }
        } finally {
            postgres.close();
            broker.stop();
        }
        System.exit(0);
    }

    /** What the harness appended, and what the read model must show once it has applied all of it. */
    private record Histories(long events, long alerts, Map<String, Long> rowsByStatus, long warned, long sequenceSum) {
    }

    private static Histories append(DataSource dataSource) {
        JdbcEventStorageEngine storage = JdbcEventStorageEngine.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .transactionManager(new SpringTransactionManager(new DataSourceTransactionManager(dataSource)))
                .eventSerializer(JacksonSerializer.builder().objectMapper(EventStoreConfiguration.messageObjectMapper()).build())
                .snapshotSerializer(JacksonSerializer.builder().objectMapper(EventStoreConfiguration.messageObjectMapper()).build())
                .schema(EventStoreConfiguration.EVENT_SCHEMA)
                .dataType(byte[].class)
                .build();
        Instant firstSubmission = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(30));
        List<List<List<Object>>> windows = new ArrayList<>();
        long events = 0;
        long alerts = 0;
        Map<String, Long> rowsByStatus = new TreeMap<>();
        long warned = 0;
        long sequenceSum = 0;
        for (int window = 0; window * WINDOW < INCIDENTS; window++) {
            List<List<Object>> histories = new ArrayList<>();
            for (int i = window * WINDOW; i < Math.min(INCIDENTS, (window + 1) * WINDOW); i++) {
                List<Object> history = history(i, firstSubmission.plusSeconds(i * 20L));
                histories.add(history);
                events += history.size();
                alerts += history.stream().filter(event -> event instanceof FirstResponseAtRisk || event instanceof FirstResponseBreached).count();
                rowsByStatus.merge(finalStatus(i).name(), 1L, Long::sum);
                warned += i % 4 == 1 || i % 4 == 2 ? 1 : 0;
                sequenceSum += history.size() - 1;
            }
            windows.add(histories);
        }
        for (int step = 0; step < windows.size() + LONGEST_HISTORY - 1; step++) {
            appendStep(storage, windows, step);
        }
        return new Histories(events, alerts, rowsByStatus, warned, sequenceSum);
    }

    /**
     * Event {@code k} of the incidents of window {@code w} is appended together with event {@code k - 1} of window
     * {@code w + 1}, and so on, in one transaction: an incident's events lie about a window apart, as later facts come
     * later.
     */
    private static void appendStep(JdbcEventStorageEngine storage, List<List<List<Object>>> windows, int step) {
        List<DomainEventMessage<?>> batch = new ArrayList<>();
        for (int k = 0; k < LONGEST_HISTORY; k++) {
            int window = step - k;
            if (window < 0 || window >= windows.size()) {
                continue;
            }
            for (List<Object> history : windows.get(window)) {
                if (k < history.size()) {
                    IncidentId id = incidentId(history.get(0));
                    batch.add(new GenericDomainEventMessage<>("Incident", "incident:" + id.value(), k, history.get(k)));
                }
            }
        }
        if (!batch.isEmpty()) {
            storage.appendEvents(batch);
        }
    }

    private static IncidentId incidentId(Object opened) {
        return ((IncidentOpened) opened).incidentId();
    }

    /**
     * Four shapes, one after the other: re-graded, responded and closed (met); warned, breached and closed; warned and
     * responded in time (met); warned and re-graded to a later deadline (pending, the warning no longer current).
     */
    private static List<Object> history(int index, Instant submittedAt) {
        IncidentId id = new IncidentId("CATCHUP-" + index);
        ContractId contract = new ContractId("contract-" + index % 50);
        SlaDecision decision = decision("UNIFIED", Duration.ofHours(4), submittedAt, submittedAt);
        IncidentOpened opened = new IncidentOpened(id, contract, 1, "catch-up benchmark", "azure-virtual-machines",
                Channel.PHONE, Severity.B, false, null, submittedAt, decision);
        List<Object> history = new ArrayList<>(List.of(opened));
        Instant atRiskAt = decision.atRiskAt();
        switch (index % 4) {
            case 0 -> {
                Instant regradedAt = submittedAt.plus(Duration.ofMinutes(10));
                SlaDecision upgraded = decision("UNIFIED", Duration.ofHours(1), submittedAt, regradedAt);
                history.add(new IncidentRegraded(id, Severity.B, false, Severity.A, false, "customer impact", regradedAt,
                        RegradeEffect.UPGRADE_RECOMPUTED, upgraded, FirstResponseStatus.PENDING));
                history.add(new FirstResponseRecorded(id, regradedAt.plus(Duration.ofMinutes(5)), Channel.PHONE, "eng-1",
                        upgraded.dueAt(), FirstResponseStatus.MET));
                history.add(new IncidentClosed(id, regradedAt.plus(Duration.ofHours(2)), "fixed", FirstResponseStatus.MET));
            }
            case 1 -> {
                history.add(atRisk(opened, atRiskAt.plusMillis(3)));
                history.add(new FirstResponseBreached(id, contract, opened.severity(), opened.product(), decision.program(),
                        decision.rule(), decision.target(), decision.clock(), submittedAt, decision.dueAt(),
                        decision.dueAt().plusMillis(4)));
                history.add(new IncidentClosed(id, decision.dueAt().plus(Duration.ofHours(1)), "fixed", FirstResponseStatus.BREACHED));
            }
            case 2 -> {
                history.add(atRisk(opened, atRiskAt.plusMillis(3)));
                history.add(new FirstResponseRecorded(id, atRiskAt.plus(Duration.ofMinutes(1)), Channel.WEB, "eng-2",
                        decision.dueAt(), FirstResponseStatus.MET));
            }
            default -> {
                history.add(atRisk(opened, atRiskAt.plusMillis(3)));
                Instant regradedAt = atRiskAt.plus(Duration.ofMinutes(2));
                SlaDecision downgraded = decision("UNIFIED", Duration.ofHours(8), regradedAt, regradedAt);
                history.add(new IncidentRegraded(id, Severity.B, false, Severity.C, false, "workaround", regradedAt,
                        RegradeEffect.DOWNGRADE_RECOMPUTED, downgraded, FirstResponseStatus.PENDING));
            }
        }
        return history;
    }

    private static FirstResponseStatus finalStatus(int index) {
        return switch (index % 4) {
            case 0, 2 -> FirstResponseStatus.MET;
            case 1 -> FirstResponseStatus.BREACHED;
            default -> FirstResponseStatus.PENDING;
        };
    }

    private static SlaDecision decision(String program, Duration target, Instant submittedAt, Instant clockStartedAt) {
        Instant dueAt = clockStartedAt.plus(target);
        return new SlaDecision(program, "unified.benchmark", target, SlaClock.ROUND_THE_CLOCK, clockStartedAt, dueAt,
                dueAt.minus(target.dividedBy(4)), "benchmark", 1, false, "benchmark, submitted " + submittedAt);
    }

    private static FirstResponseAtRisk atRisk(IncidentOpened opened, Instant detectedAt) {
        SlaDecision decision = opened.firstResponse();
        return new FirstResponseAtRisk(opened.incidentId(), opened.contractId(), opened.severity(), opened.product(),
                decision.program(), decision.rule(), decision.target(), decision.clock(), opened.submittedAt(),
                decision.atRiskAt(), decision.dueAt(), detectedAt);
    }

    /** The parent of a backend, read while its connection is open (the backend ends with it). */
    private static long postmaster(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet backend = statement.executeQuery("SELECT pg_backend_pid()")) {
            backend.next();
            return Long.parseLong(Cpu.stat(backend.getLong(1))[2]);
        }
    }

    private static boolean atHead(Processors processors, String name, long head) {
        Map<Integer, Long> segments = processors.ownedSegments(name);
        return segments.size() == 2 && segments.values().stream().allMatch(position -> position >= head);
    }

    private static void await(BooleanSupplier done) throws InterruptedException {
        Instant giveUpAt = Instant.now().plus(GIVE_UP_AFTER);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(giveUpAt)) {
                throw new IllegalStateException("the projection did not reach the head within " + GIVE_UP_AFTER);
            }
            Thread.sleep(20);
        }
    }

    private static void report(String what, long events, Duration took) {
        System.out.printf("%s: %d events in %.1f s, %.0f events/s (load average %s)%n", what, events,
                took.toMillis() / 1000.0, events * 1000.0 / Math.max(1, took.toMillis()), loadAverage());
    }

    private static String loadAverage() {
        try {
            return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /**
     * CPU time spent by this JVM (the projection and the harness), PostgreSQL (its processes, including the
     * connections that ended) and the broker (a child JVM): the machine is shared, so that the cost per event is known whatever
     * else ran beside the benchmark.
     */
    private record Cpu(Duration jvm, Duration postgres, Duration broker) {

        /**
         * @param postmaster PostgreSQL's main process: {@code pg_ctl} starts it outside this JVM's descendants; its
         *                   connections are its children
         */
        static Cpu now(long postmaster) {
            Duration jvm = Duration.ofNanos(((com.sun.management.OperatingSystemMXBean) ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime());
            String[] main = stat(postmaster);
            Duration postgres = main.length == 0 ? Duration.ZERO : ticks(main[12], main[13], main[14], main[15]);
            for (ProcessHandle process : ProcessHandle.of(postmaster).map(ProcessHandle::descendants)
                    .orElseGet(Stream::empty).toList()) {
                String[] stat = stat(process.pid());
                if (stat.length > 0) {
                    postgres = postgres.plus(ticks(stat[12], stat[13]));
                }
            }
            Duration broker = Duration.ZERO;
            for (ProcessHandle process : ProcessHandle.current().descendants().toList()) {
                String[] stat = stat(process.pid());
                if (stat.length > 0 && stat[0].equals("java")) {
                    broker = broker.plus(ticks(stat[12], stat[13]));
                }
            }
            return new Cpu(jvm, postgres, broker);
        }

        /**
         * The process's name and the fields of /proc/PID/stat after it (the parent at 2; utime, stime, and for the
         * children that ended cutime and cstime, at 12 to 15), readable whichever user runs the process (the embedded
         * PostgreSQL may not run as this one); empty once it ended.
         */
        static String[] stat(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                String[] named = new String[fields.length + 1];
                named[0] = name;
                System.arraycopy(fields, 0, named, 1, fields.length);
                return named;
            } catch (IOException | RuntimeException e) {
                return new String[0];
            }
        }

        /** Clock ticks of 10 ms (USER_HZ 100 on Linux). */
        private static Duration ticks(String... values) {
            long ticks = 0;
            for (String value : values) {
                ticks += Long.parseLong(value);
            }
            return Duration.ofMillis(ticks * 10);
        }

        Cpu minus(Cpu earlier) {
            return new Cpu(jvm.minus(earlier.jvm), postgres.minus(earlier.postgres), broker.minus(earlier.broker));
        }

        void report(String what, long events) {
            System.out.printf("%s: CPU s (per 1,000 events): projection JVM %.1f (%.2f), PostgreSQL %.1f (%.2f), broker %.1f (%.2f)%n",
                    what, seconds(jvm), seconds(jvm) * 1000 / events, seconds(postgres), seconds(postgres) * 1000 / events,
                    seconds(broker), seconds(broker) * 1000 / events);
        }

        private static double seconds(Duration duration) {
            return duration.toMillis() / 1000.0;
        }
    }

    private static void verify(JdbcTemplate jdbc, Histories expected) {
        Map<String, Long> rowsByStatus = new TreeMap<>();
        jdbc.query("SELECT status, count(*) AS rows FROM sla_read_model GROUP BY status",
                rs -> {
                    rowsByStatus.put(rs.getString("status"), rs.getLong("rows"));
                });
        long warned = jdbc.queryForObject("SELECT count(*) FROM sla_read_model WHERE warned_due_at = due_at", Long.class);
        long sequenceSum = jdbc.queryForObject("SELECT coalesce(sum(last_sequence), 0) FROM sla_read_model", Long.class);
        if (!rowsByStatus.equals(expected.rowsByStatus()) || warned != expected.warned() || sequenceSum != expected.sequenceSum()) {
            throw new IllegalStateException("read model differs from the history: rows by status " + rowsByStatus
                    + " (expected " + expected.rowsByStatus() + "), warned " + warned + " (expected " + expected.warned()
                    + "), sum of last sequences " + sequenceSum + " (expected " + expected.sequenceSum() + ")");
        }
        System.out.printf("read model checked: rows by status %s, %d warned%n", rowsByStatus, warned);
    }

    private static Recording startRecordingIfAsked() throws Exception {
        String file = System.getProperty("jfr");
        if (file == null) {
            return null;
        }
        Recording recording = new Recording(Configuration.getConfiguration("profile"));
        recording.setDestination(Path.of(file));
        recording.start();
        return recording;
    }

    private static void stopRecording(Recording recording) {
        if (recording != null) {
            recording.stop();
            recording.close();
            System.out.println("flight recording written");
        }
    }
}
