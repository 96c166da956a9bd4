package dev.incidentsla.cluster.bench;

import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.contract.SupportLocation;
import dev.incidentsla.cluster.NodeProcess;
import dev.incidentsla.contract.ContractService;
import dev.incidentsla.service.RequestContext;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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
 * How much heap each service needs with 100,000 and 1,000,000 pending incidents (issue 9, BENCHMARKS.md). Not a test:
 * run it by hand, see the {@code benchmarks} profile of this module's pom ({@code -Dbench=heap-at-scale}).
 *
 * <ol>
 *   <li>One embedded PostgreSQL. {@code -Dpreloaded} (20,000) incidents opened straight into the store with both
 *   deadlines in {@code scheduled_tasks} ({@link Preload}, events mode), due hours ahead, none responded.</li>
 *   <li>For each level of {@code -Dlevels} (100,000 and 1,000,000 pending): copies of the preloaded incidents made in SQL
 *   under new ids up to the level, their {@code IncidentOpened} events and their two deadline rows each, so that
 *   {@code scheduled_tasks} holds two rows per pending incident (a copy's rows carry the original's payload: they fall
 *   due hours after the run).</li>
 *   <li>At each level, for each heap of {@code -Dheaps} (smallest first): one incident-service node and one projection
 *   node with that {@code -Xmx} ({@code -XX:+UseSerialGC}, as the run script), started on the shared database. The first
 *   projection of a level catches up with the level's new events; its GC time during the catch-up is measured.</li>
 *   <li>Each node is exercised: the incident service with {@code -Dopens} (300) opens over REST, as many reads of
 *   incidents and their histories, {@code -DauditPages} (20) audit pages of 1,000 at random places, and (the first
 *   node of a level) an auditor's full replay in one streamed response; the projection with pending lists and breach
 *   lists of 1,000 rows, by contract and severity, and its Prometheus scrape.</li>
 *   <li>Heap is read with {@code jstat -gc}: the share of wall time spent in GC and the peak used heap while it worked,
 *   then the live heap after a full GC ({@code jcmd GC.run}). A node that dies (out of memory: the nodes run with
 *   {@code -XX:+ExitOnOutOfMemoryError}) or does not become healthy is reported as failed.</li>
 * </ol>
 *
 * Other settings: {@code -Ddurable=false} (zonky's throwaway PostgreSQL: the heap does not depend on fsync),
 * {@code -DkeepData=false}, {@code -DauditReplay=true}.
 */
public final class HeapAtScale {

    private static final List<Integer> LEVELS = Arrays.stream(System.getProperty("levels", "100000,1000000").split(","))
            .map(String::trim).map(Integer::parseInt).sorted().toList();
    private static final int PRELOADED = Math.min(LEVELS.get(0), Integer.getInteger("preloaded", 20_000));
    private static final List<String> HEAPS = Arrays.stream(System.getProperty("heaps", "64m,96m,128m,192m,256m").split(","))
            .map(String::trim).toList();
    private static final int OPENS = Integer.getInteger("opens", 300);
    private static final int AUDIT_PAGES = Integer.getInteger("auditPages", 20);
    private static final int DASHBOARD_READS = Integer.getInteger("dashboardReads", 200);
    private static final boolean AUDIT_REPLAY = Boolean.parseBoolean(System.getProperty("auditReplay", "true"));
    private static final int PRELOAD_THREADS = Integer.getInteger("preloadThreads", 4);
    private static final boolean DURABLE = Boolean.getBoolean("durable");
    private static final boolean KEEP_DATA = Boolean.getBoolean("keepData");
    /** Above this share of wall time in GC while it works, a heap is too small (the JVM spends its cores collecting). */
    private static final double THRASH_GC_SHARE = 0.05;

    private static final String CONTRACT = "contoso";
    private static final Duration START_PATIENCE = Duration.ofMinutes(3);
    private static final Path JDK_BIN = Path.of(System.getProperty("java.home"), "bin");
    private static final Instant STARTED = Instant.now();

    private static final BenchProcesses<NodeProcess> processes = new BenchProcesses<>(NodeProcess::close, NodeProcess::kill, KEEP_DATA);

    private HeapAtScale() {
    }

    public static void main(String[] args) {
        processes.runThenExit(HeapAtScale::run, processes::close);
    }

    /** One node's run: what it did and what its heap looked like. */
    private record Measurement(int level, String service, String heap, boolean ok, String failure, double startSeconds,
                               double catchUpSeconds, double catchUpGcShare, double workSeconds, double workGcShare,
                               long peakUsedBytes, long liveAfterFullGcBytes, String work) {
    }

    /** A {@code jstat -gc} sample: used heap (both generations and survivors) and the accumulated GC seconds. */
    private record GcSample(long usedBytes, double gcSeconds, long nanoTime) {
    }

    private static void run() throws Exception {
        Path directory = Files.createTempDirectory("heap-at-scale");
        Path logs = Files.createDirectories(directory.resolve("logs"));
        log("levels=%s heaps=%s preloaded=%,d opens=%d durable=%s; node logs in %s", LEVELS, HEAPS, PRELOADED, OPENS, DURABLE,
                logs);
        String jdbcUrl = processes.startPostgres(directory.resolve("postgres"), DURABLE);
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setURL(jdbcUrl);
        db.setUser("postgres");
        log("PostgreSQL %s on %s", queryString(db, "SHOW server_version"), jdbcUrl);

        ConfigurableApplicationContext preloader = processes.startPreloader(jdbcUrl);
        ContractId contract = new ContractId(CONTRACT);
        preloader.getBean(ContractService.class).register(contract, "Contoso", SupportLocation.of("Asia/Jakarta", "ID"),
                List.of(), new RequestContext("bench", UUID.randomUUID().toString()));
        log("preloading %,d pending incidents with their deadlines (%d threads) ...", PRELOADED, PRELOAD_THREADS);
        Preload.Result preload = Preload.run(preloader, "events", contract, PRELOADED, PRELOAD_THREADS, Duration.ofMinutes(30));
        log("preloaded %,d in %.1f s (%.0f/s, %d failed%s)", preload.opened(), preload.took().toMillis() / 1000.0,
                preload.perSecond(), preload.failed(), preload.firstFailure() == null ? "" : "; first: " + preload.firstFailure());
        processes.closePreloader();

        int brokerPort = NodeProcess.freeBrokerPort();
        String bootstrap = "127.0.0.1:" + brokerPort;
        processes.add(NodeProcess.start("kafka", logs, BROKER_MAIN,
                processes.brokerArguments(directory.resolve("kafka"), brokerPort))).awaitListening(brokerPort, START_PATIENCE);
        log("Kafka broker on %s", bootstrap);

        List<Measurement> measurements = new ArrayList<>();
        long pending = PRELOADED;
        for (int level : LEVELS) {
            pending += copyPreloaded(db, level - pending);
            log("level %,d: %,d events, %,d deadline rows (%s with indexes), %s database", level,
                    queryLong(db, "SELECT count(*) FROM domain_event_entry"), queryLong(db, "SELECT count(*) FROM scheduled_tasks"),
                    queryString(db, "SELECT pg_size_pretty(pg_total_relation_size('scheduled_tasks'))"),
                    queryString(db, "SELECT pg_size_pretty(pg_database_size('postgres'))"));
            boolean replayDone = false;
            boolean caughtUp = false;
            for (String heap : HEAPS) {
                Measurement incident = measureIncidentService(level, heap, logs, jdbcUrl, !replayDone && AUDIT_REPLAY);
                measurements.add(incident);
                replayDone |= incident.ok() && incident.work().contains("replay");
                log("%s", line(incident));
                Measurement projection = measureProjection(level, heap, logs, jdbcUrl, bootstrap, db, !caughtUp);
                measurements.add(projection);
                caughtUp |= projection.ok();
                log("%s", line(projection));
            }
        }
        report(measurements);
    }

    // ------------------------------------------------------------------------------------------------ the nodes

    private static Measurement measureIncidentService(int level, String heap, Path logs, String jdbcUrl, boolean replay)
            throws Exception {
        String name = "incident-" + level + "-" + heap;
        int port = NodeProcess.freePort();
        long launched = System.nanoTime();
        NodeProcess node = start(name, logs, heap, INCIDENT_MAIN, incidentArguments(port, jdbcUrl));
        try {
            node.awaitHealthy(port, START_PATIENCE);
            double startSeconds = (System.nanoTime() - launched) / 1e9;
            Work work = work(node, () -> exerciseIncidentService(port, level, replay));
            return finish(level, "incident-service", heap, node, startSeconds, 0, Double.NaN, work);
        } catch (Exception | Error e) {
            return failed(level, "incident-service", heap, node, e);
        } finally {
            stop(node);
        }
    }

    private static Measurement measureProjection(int level, String heap, Path logs, String jdbcUrl, String bootstrap,
                                                 PGSimpleDataSource db, boolean catchingUp) throws Exception {
        String name = "projection-" + level + "-" + heap;
        int port = NodeProcess.freePort();
        long launched = System.nanoTime();
        NodeProcess node = start(name, logs, heap, PROJECTION_MAIN, projectionArguments(port, jdbcUrl, bootstrap));
        try {
            node.awaitListening(port, START_PATIENCE);
            double startSeconds = (System.nanoTime() - launched) / 1e9;
            GcSample before = sample(node.pid());
            awaitReadModel(db, node, START_PATIENCE.plusSeconds(level / 100));
            node.awaitHealthy(port, START_PATIENCE);
            GcSample after = sample(node.pid());
            double catchUpSeconds = (after.nanoTime() - before.nanoTime()) / 1e9;
            if (catchingUp) {
                log("%s caught up in %.1f s: %,d pending rows in the read model", name, catchUpSeconds,
                        queryLong(db, "SELECT count(*) FROM sla_read_model WHERE status = 'PENDING'"));
            }
            Work work = work(node, () -> exerciseProjection(port));
            return finish(level, "sla-projection", heap, node, startSeconds, catchingUp ? catchUpSeconds : 0,
                    catchingUp ? (after.gcSeconds() - before.gcSeconds()) / Math.max(1e-9, catchUpSeconds) : Double.NaN, work);
        } catch (Exception | Error e) {
            return failed(level, "sla-projection", heap, node, e);
        } finally {
            stop(node);
        }
    }

    /**
     * Until the read model holds a row for every incident opened: health alone does not say it, it may answer UP before
     * the processors claimed their segments.
     */
    private static void awaitReadModel(PGSimpleDataSource db, NodeProcess node, Duration patience) throws Exception {
        long opened = queryLong(db, "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%.IncidentOpened'");
        Instant giveUp = Instant.now().plus(patience);
        while (queryLong(db, "SELECT count(*) FROM sla_read_model") < opened) {
            if (!node.isAlive() || Instant.now().isAfter(giveUp)) {
                throw new IllegalStateException(node.name() + " did not catch up with " + opened + " opened incidents");
            }
            Thread.sleep(1_000);
        }
    }

    private static NodeProcess start(String name, Path logs, String heap, String mainClass, List<String> arguments)
            throws IOException {
        NodeProcess node = NodeProcess.start(name, logs, mainClass, List.of("-Xms" + heap, "-Xmx" + heap,
                "-XX:+ExitOnOutOfMemoryError", "-Xlog:gc:file=" + logs.resolve(name + "-gc.log")), arguments);
        processes.add(node);
        return node;
    }

    private static void stop(NodeProcess node) throws InterruptedException {
        node.close();
        processes.remove(node);
    }

    /** What an exercise did, as words, and the GC samples around it. */
    private record Work(String done, GcSample before, GcSample after, long peakUsedBytes) {
    }

    @FunctionalInterface
    private interface Exercise {
        String run() throws Exception;
    }

    /** Runs the exercise while sampling the node's heap every second (each sample is a jstat process). */
    private static Work work(NodeProcess node, Exercise exercise) throws Exception {
        GcSample before = sample(node.pid());
        AtomicLong peak = new AtomicLong(before.usedBytes());
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    peak.accumulateAndGet(sample(node.pid()).usedBytes(), Math::max);
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    return;
                } catch (IOException | RuntimeException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        String done;
        try {
            done = exercise.run();
        } finally {
            sampler.interrupt();
            sampler.join(5_000);
        }
        return new Work(done, before, sample(node.pid()), peak.get());
    }

    private static Measurement finish(int level, String service, String heap, NodeProcess node, double startSeconds,
                                      double catchUpSeconds, double catchUpGcShare, Work work) throws Exception {
        if (!node.isAlive()) {
            throw new IllegalStateException(node.name() + " died");
        }
        double workSeconds = (work.after().nanoTime() - work.before().nanoTime()) / 1e9;
        double workGcShare = (work.after().gcSeconds() - work.before().gcSeconds()) / Math.max(1e-9, workSeconds);
        jcmd(node.pid(), "GC.run");
        long live = sample(node.pid()).usedBytes();
        return new Measurement(level, service, heap, true, null, startSeconds, catchUpSeconds, catchUpGcShare, workSeconds,
                workGcShare, work.peakUsedBytes(), live, work.done());
    }

    private static Measurement failed(int level, String service, String heap, NodeProcess node, Throwable e) {
        String failure = (node.isAlive() ? "" : "died (see its log); ") + e;
        return new Measurement(level, service, heap, false, failure, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                0, 0, "");
    }

    // ------------------------------------------------------------------------------------------------ the exercises

    private static String exerciseIncidentService(int port, int level, boolean replay) throws Exception {
        String run = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        AtomicInteger failures = new AtomicInteger();
        long opened = 0;
        long reads = 0;
        try (KeepAliveHttp http = new KeepAliveHttp(port)) {
            for (int i = 0; i < OPENS; i++) {
                KeepAliveHttp.Response response = http.send("POST", "/api/v1/incidents", """
                        {"incidentId": "HEAP-%s-%d", "contractId": "%s", "severity": "C", "product": "azure-virtual-machines",
                         "channel": "WEB"}""".formatted(run, i, CONTRACT));
                opened += count(response, 201, failures);
                String incident = randomPreloaded(level);
                reads += count(http.send("GET", "/api/v1/incidents/" + incident, null), 200, failures);
                if (i % 3 == 0) {
                    reads += count(http.send("GET", "/api/v1/incidents/" + incident + "/events", null), 200, failures);
                }
            }
        }
        long head = level + OPENS;
        long auditEvents = 0;
        AuditStreamReader auditor = new AuditStreamReader(port);
        for (int i = 0; i < AUDIT_PAGES; i++) {
            long after = ThreadLocalRandom.current().nextLong(-1, head);
            auditEvents += auditor.readOnce(AuditStreamReader.EVENTS_PATH + "?after=" + after + "&limit=1000").events();
        }
        String done = "%,d opens, %,d reads of incidents and histories, %d audit pages (%,d events)".formatted(opened, reads,
                AUDIT_PAGES, auditEvents);
        if (replay) {
            AuditStreamReader.Result all = auditor.readOnce(AuditStreamReader.EVENTS_PATH + "?after=-1&all=true");
            done += ", full audit replay (%,d events, %,d MB, %.0f s)".formatted(all.events(), all.bytes() >> 20,
                    all.took().toMillis() / 1000.0);
        }
        return done + (failures.get() == 0 ? "" : ", %d unexpected answers".formatted(failures.get()));
    }

    private static String exerciseProjection(int port) throws Exception {
        AtomicInteger failures = new AtomicInteger();
        long reads = 0;
        long bytes = 0;
        String since = LocalDate.now(ZoneOffset.UTC).minusDays(30).atStartOfDay().toInstant(ZoneOffset.UTC).toString();
        List<String> targets = List.of("/api/v1/sla/pending?limit=1000", "/api/v1/sla/pending?limit=1000&contractId=" + CONTRACT,
                "/api/v1/sla/pending?limit=1000&severity=B", "/api/v1/sla/breaches?limit=1000&since=" + since,
                "/actuator/prometheus");
        try (KeepAliveHttp http = new KeepAliveHttp(port)) {
            for (int i = 0; i < DASHBOARD_READS; i++) {
                KeepAliveHttp.Response response = http.send("GET", targets.get(i % targets.size()), null);
                reads += count(response, 200, failures);
                bytes += response.body().length;
            }
        }
        return "%,d dashboard reads (pending and breach lists of up to 1,000, Prometheus), %,d KB%s".formatted(reads,
                bytes >> 10, failures.get() == 0 ? "" : ", %d unexpected answers".formatted(failures.get()));
    }

    private static int count(KeepAliveHttp.Response response, int expected, AtomicInteger failures) {
        if (response.status() == expected) {
            return 1;
        }
        if (failures.getAndIncrement() == 0) {
            log("unexpected answer %d: %s", response.status(), response.text());
        }
        return 0;
    }

    /** A preloaded incident or one of its copies (copy round r of preloaded incident i is PRE-i-cr). */
    private static String randomPreloaded(int level) {
        int index = ThreadLocalRandom.current().nextInt(level);
        int round = index / PRELOADED;
        return Preload.PREFIX + (index % PRELOADED) + (round == 0 ? "" : "-c" + round);
    }

    // ------------------------------------------------------------------------------------------------ the data

    /**
     * Appends {@code count} more pending incidents, copies of the preloaded ones under new ids (rewritten in the payload
     * too): their {@code IncidentOpened} events and their two deadline rows. Copy round r of incident PRE-i is PRE-i-cr.
     */
    private static long copyPreloaded(PGSimpleDataSource db, long count) throws SQLException {
        if (count <= 0) {
            return 0;
        }
        long started = System.nanoTime();
        long copied = 0;
        int round = (int) (queryLong(db, "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%.IncidentOpened'"
                + " AND aggregate_identifier LIKE '%:" + Preload.PREFIX + "%'") / PRELOADED) - 1;
        try (Connection connection = db.getConnection();
             PreparedStatement events = connection.prepareStatement("INSERT INTO domain_event_entry (event_identifier,"
                     + " aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data)"
                     + " SELECT gen_random_uuid()::text, aggregate_identifier || ?, sequence_number, type, time_stamp, payload_type,"
                     + " payload_revision, convert_to(replace(convert_from(payload, 'UTF8'), '\"' || incident || '\"',"
                     + " '\"' || incident || ? || '\"'), 'UTF8'), meta_data"
                     + " FROM (SELECT *, regexp_replace(aggregate_identifier, '^[^:]*:', '') AS incident FROM domain_event_entry"
                     + " WHERE aggregate_identifier ~ ? AND payload_type LIKE '%.IncidentOpened' ORDER BY global_index LIMIT ?)"
                     + " AS preloaded");
             // a deadline's instance id may itself end like "-c123" (a UUID): its copies are marked with "~c" instead
             PreparedStatement deadlines = connection.prepareStatement("INSERT INTO scheduled_tasks (task_name, task_instance,"
                     + " task_data, execution_time, picked, version, priority) SELECT task_name, task_instance || '~' || ?,"
                     + " task_data, execution_time, false, 1, priority FROM scheduled_tasks WHERE task_instance !~ '~c[0-9]+$'"
                     + " ORDER BY task_instance LIMIT ?")) {
            while (copied < count) {
                round++;
                String suffix = "-c" + round;
                long rows = Math.min(PRELOADED, count - copied);
                events.setString(1, suffix);
                events.setString(2, suffix);
                events.setString(3, ":" + Preload.PREFIX + "[0-9]+$");
                events.setLong(4, rows);
                if (events.executeUpdate() == 0) {
                    throw new IllegalStateException("no preloaded IncidentOpened event to copy");
                }
                deadlines.setString(1, "c" + round);
                deadlines.setLong(2, 2 * rows);
                deadlines.executeUpdate();
                copied += rows;
            }
        }
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("VACUUM ANALYZE domain_event_entry");
            statement.execute("VACUUM ANALYZE scheduled_tasks");
        }
        log("copied %,d pending incidents (events and deadlines) in %.1f s", copied, (System.nanoTime() - started) / 1e9);
        return copied;
    }

    // ------------------------------------------------------------------------------------------------ JDK tools

    /** {@code jstat -gc}: used = survivors + eden + old generation; GCT = all collections' seconds. */
    private static GcSample sample(long pid) throws IOException, InterruptedException {
        List<String> lines = tool("jstat", "-gc", Long.toString(pid));
        if (lines.size() < 2) {
            throw new IOException("jstat -gc " + pid + " answered " + lines);
        }
        List<String> names = List.of(lines.get(0).trim().split("\\s+"));
        String[] values = lines.get(1).trim().split("\\s+");
        Map<String, Double> columns = new HashMap<>();
        for (int i = 0; i < names.size() && i < values.length; i++) {
            columns.put(names.get(i), values[i].equals("-") ? 0 : Double.parseDouble(values[i]));
        }
        double usedKb = columns.get("S0U") + columns.get("S1U") + columns.get("EU") + columns.get("OU");
        return new GcSample((long) (usedKb * 1024), columns.get("GCT"), System.nanoTime());
    }

    private static void jcmd(long pid, String command) throws IOException, InterruptedException {
        tool("jcmd", Long.toString(pid), command);
    }

    private static List<String> tool(String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of(command));
        full.set(0, JDK_BIN.resolve(command[0]).toString());
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output.lines().filter(line -> !line.isBlank()).toList();
    }

    // ------------------------------------------------------------------------------------------------ report

    private static String line(Measurement m) {
        if (!m.ok()) {
            return "%s at %,d pending, -Xmx%s: FAILED %s".formatted(m.service(), m.level(), m.heap(), m.failure());
        }
        return "%s at %,d pending, -Xmx%s: up in %.1f s%s; worked %.0f s, GC %.1f %% of it, peak used %s; live after full GC %s (%s)"
                .formatted(m.service(), m.level(), m.heap(), m.startSeconds(),
                        m.catchUpSeconds() > 0 ? ", caught up in %.0f s with GC %.1f %% of it".formatted(m.catchUpSeconds(),
                                100 * m.catchUpGcShare()) : "",
                        m.workSeconds(), 100 * m.workGcShare(), mb(m.peakUsedBytes()), mb(m.liveAfterFullGcBytes()), m.work());
    }

    private static void report(List<Measurement> measurements) {
        System.out.println();
        System.out.printf("Heap at scale, %s, %s, %d cores, %s, %s%n", LocalDate.now(ZoneOffset.UTC), cpuModel(),
                Runtime.getRuntime().availableProcessors(), memoryGiB(), System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.version"));
        System.out.println();
        System.out.println("| pending | service | -Xmx (Serial GC) | start s | catch-up s (GC %) | GC % while exercised | peak used | live after full GC |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|");
        for (Measurement m : measurements) {
            if (!m.ok()) {
                System.out.printf("| %,d | %s | %s | failed: %s | | | | |%n", m.level(), m.service(), m.heap(),
                        m.failure().replace('|', '/'));
                continue;
            }
            System.out.printf("| %,d | %s | %s | %.1f | %s | %.1f | %s | %s |%n", m.level(), m.service(), m.heap(),
                    m.startSeconds(), m.catchUpSeconds() > 0 ? "%.0f (%.1f %%)".formatted(m.catchUpSeconds(),
                            100 * m.catchUpGcShare()) : "", 100 * m.workGcShare(), mb(m.peakUsedBytes()),
                    mb(m.liveAfterFullGcBytes()));
        }
        System.out.println();
        for (String service : List.of("incident-service", "sla-projection")) {
            for (int level : LEVELS) {
                String smallest = measurements.stream().filter(m -> m.service().equals(service) && m.level() == level && m.ok()
                                && m.workGcShare() < THRASH_GC_SHARE
                                && (Double.isNaN(m.catchUpGcShare()) || m.catchUpGcShare() < THRASH_GC_SHARE))
                        .map(Measurement::heap).findFirst().orElse("none of " + HEAPS);
                System.out.printf("- %s, %,d pending: smallest heap that worked with GC under %.0f %% of the time: %s%n",
                        service, level, 100 * THRASH_GC_SHARE, smallest);
            }
        }
    }

    private static String mb(long bytes) {
        return "%.0f MB".formatted(bytes / 1024.0 / 1024.0);
    }

    private static void log(String format, Object... arguments) {
        System.out.printf("[%6.1f s] %s%n", Duration.between(STARTED, Instant.now()).toMillis() / 1000.0,
                String.format(format, arguments));
    }
}
