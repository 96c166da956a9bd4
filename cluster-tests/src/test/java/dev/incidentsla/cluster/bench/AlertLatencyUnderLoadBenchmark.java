package dev.incidentsla.cluster.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.contract.SupportLocation;
import dev.incidentsla.cluster.bench.AlertConsumer.Breach;
import dev.incidentsla.cluster.bench.LoadGenerator.Answer;
import dev.incidentsla.cluster.bench.LoadGenerator.Open;
import dev.incidentsla.cluster.bench.OrphanedDeadlines.Orphan;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.api.incident.ResumeDeadlines;
import dev.incidentsla.contract.ContractService;
import dev.incidentsla.incident.IncidentService;
import dev.incidentsla.incident.IncidentView;
import dev.incidentsla.service.CommandSender;
import dev.incidentsla.service.RequestContext;
import org.apache.kafka.common.utils.AppInfoParser;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.incidentsla.cluster.bench.BenchProcesses.BROKER_MAIN;
import static dev.incidentsla.cluster.bench.BenchProcesses.INCIDENT_MAIN;
import static dev.incidentsla.cluster.bench.BenchProcesses.PROJECTION_MAIN;
import static dev.incidentsla.cluster.bench.BenchProcesses.cpuModel;
import static dev.incidentsla.cluster.bench.BenchProcesses.incidentArguments;
import static dev.incidentsla.cluster.bench.BenchProcesses.memoryGiB;
import static dev.incidentsla.cluster.bench.BenchProcesses.projectionArguments;
import static dev.incidentsla.cluster.bench.BenchProcesses.queryString;

/**
 * Alert latency as a dashboard sees it, with writes arriving and a pending backlog in the table the deadlines are
 * polled from (BENCHMARKS.md). The production shape on one machine: one PostgreSQL, one KRaft broker, two
 * incident-service and two sla-projection nodes as processes of their own (as {@code ClusterFailoverTest} starts
 * them). Not a test: run it by hand, see the {@code benchmarks} profile of this module's pom.
 *
 * <ol>
 *   <li>Preloads {@code -Dpending} (100,000) SLAs due hours ahead through an in-process incident-service context
 *   ({@link Preload}: {@code -Dpreload=commands}, the default, or {@code events}), then closes it.</li>
 *   <li>Starts the four nodes, waits until the projections caught up, and sends one canary per incident node.</li>
 *   <li>Opens {@code -Drate} (30) Sev 1 Azure incidents a second over REST for {@code -Dduration} (180) seconds, each
 *   breaching {@code -DbreachAfter} (20) seconds after it is opened; every {@code -DanswerEvery}-th (5th) is answered at
 *   once and must not breach. A consumer of the breach topic measures each breach against its {@code dueAt}.</li>
 *   <li>Meanwhile probes Kafka (a record every 50 ms, acks=all) and PostgreSQL (a 600-byte INSERT with its own commit
 *   every 100 ms): the raw cost of the two components the alert crosses.</li>
 *   <li>With {@code -Dfailover=true} (default): 60 more seconds of load; 20 s into them one incident node and one projection
 *   node are killed with SIGKILL.</li>
 *   <li>Prints the figures, then a Markdown block for BENCHMARKS.md.</li>
 * </ol>
 *
 * Other settings: {@code -DpreloadThreads=8}, {@code -DpreloadLimitMinutes=30}, {@code -Ddurable=true} (PostgreSQL
 * flushes its commits, as the service's own embedded database does; false is zonky's throwaway mode, as
 * ClusterFailoverTest runs), {@code -DkeepData=false}.
 */
public final class AlertLatencyUnderLoadBenchmark {

    private static final int PENDING = Integer.getInteger("pending", 100_000);
    /** Nodes of each service: 2, or 1 for the steady phase alone (a failover needs two). */
    private static final int NODES = Integer.getInteger("nodes", 2);
    private static final Duration DURATION = Duration.ofSeconds(Long.getLong("duration", 180));
    /**
     * The same load before the steady phase, not measured: the nodes' JIT compilers finish the hot paths (a service
     * runs for days; a median measured in its first minutes is the compiler's). Its opens are still checked for delivery.
     */
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("warmup", 120));
    private static final boolean FAILOVER = NODES > 1 && Boolean.parseBoolean(System.getProperty("failover", "true"));
    private static final double RATE = Double.parseDouble(System.getProperty("rate", "30"));
    private static final int ANSWER_EVERY = Integer.getInteger("answerEvery", 5);
    private static final Duration BREACH_AFTER = Duration.ofSeconds(Long.getLong("breachAfter", 20));
    private static final Duration FAILOVER_LOAD = Duration.ofSeconds(Long.getLong("failoverSeconds", 60));
    private static final Duration KILL_AFTER = Duration.ofSeconds(Long.getLong("killAfter", 20));
    private static final String PRELOAD = System.getProperty("preload", "commands");
    private static final int PRELOAD_THREADS = Integer.getInteger("preloadThreads", 8);
    private static final Duration PRELOAD_LIMIT = Duration.ofMinutes(Long.getLong("preloadLimitMinutes", 30));
    private static final boolean DURABLE = Boolean.parseBoolean(System.getProperty("durable", "true"));
    private static final boolean KEEP_DATA = Boolean.getBoolean("keepData");
    private static final boolean PRELOAD_ONLY = Boolean.getBoolean("preloadOnly");

    private static final String CONTRACT = "contoso";
    private static final Duration FAILOVER_WINDOW = Duration.ofSeconds(15);
    private static final double ON_TIME_MILLIS = 250;
    /** Breaches due this long before the kill may have been held by the killed nodes: the failover time looks at them too. */
    private static final Duration HELD_BEFORE_KILL = Duration.ofSeconds(10);
    private static final Duration DRAIN_PATIENCE = Duration.ofSeconds(90);
    private static final String STEADY = "steady";
    private static final String WARMING_UP = "warm-up";
    private static final String BEFORE_KILL = "failover, before kill";
    private static final String AFTER_KILL = "failover, after kill";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final Instant STARTED = Instant.now();

    /** Everything to stop at the end, or on the way out after a failure (the shutdown hook). */
    private static final BenchProcesses<BenchNode> processes = new BenchProcesses<>(BenchNode::close, BenchNode::kill, KEEP_DATA);
    private static volatile AlertConsumer consumer;
    private static volatile Probes probes;

    private AlertLatencyUnderLoadBenchmark() {
    }

    public static void main(String[] args) {
        processes.runThenExit(AlertLatencyUnderLoadBenchmark::run, AlertLatencyUnderLoadBenchmark::stopAll);
    }

    /** Sizes of the deadline and event tables. */
    private record Tables(long scheduledTotalBytes, long scheduledHeapBytes, long scheduledRows, long eventTotalBytes,
                          long eventRows) {
    }

    /** Used heap of a node, and its live data after the last major GC (NaN where the node does not say). */
    private record Heap(double usedBytes, double liveBytes) {
    }

    private static void run() throws Exception {
        Path directory = Files.createTempDirectory("alert-latency-under-load");
        Path logs = Files.createDirectories(directory.resolve("logs"));
        log("pending=%d duration=%ds failover=%s rate=%.0f/s preload=%s durable=%s; node logs in %s", PENDING,
                DURATION.toSeconds(), FAILOVER, RATE, PRELOAD, DURABLE, logs);

        String jdbcUrl = processes.startPostgres(directory.resolve("postgres"), DURABLE);
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setURL(jdbcUrl);
        db.setUser("postgres");
        String postgresVersion = queryString(db, "SHOW server_version");

        log("PostgreSQL %s on %s", postgresVersion, jdbcUrl);

        // 1. Preload, before any node runs.
        ConfigurableApplicationContext preloader = processes.startPreloader(jdbcUrl, "--incident-sla.command-retries=20");
        ContractId contract = new ContractId(CONTRACT);
        preloader.getBean(ContractService.class).register(contract, "Contoso", SupportLocation.of("Asia/Jakarta", "ID"),
                List.of(), new RequestContext("bench", UUID.randomUUID().toString()));
        log("preloading %,d pending SLAs (%s, %d threads) ...", PENDING, PRELOAD, PRELOAD_THREADS);
        Preload.Result preload = Preload.run(preloader, PRELOAD, contract, PENDING, PRELOAD_THREADS, PRELOAD_LIMIT);
        log("preloaded %,d in %.1f s: %.0f incidents/s (%d failed%s)", preload.opened(), preload.took().toMillis() / 1000.0,
                preload.perSecond(), preload.failed(), preload.firstFailure() == null ? "" : "; first: " + preload.firstFailure());
        Tables afterPreload = tables(db);
        Instant earliestPending = queryInstant(db, "SELECT min(execution_time) FROM scheduled_tasks");
        log("scheduled_tasks: %,d rows, %,d bytes with indexes (%.0f bytes per deadline); earliest due %s",
                afterPreload.scheduledRows(), afterPreload.scheduledTotalBytes(),
                perRow(afterPreload.scheduledTotalBytes(), afterPreload.scheduledRows()), earliestPending);
        if (PRELOAD_ONLY) {
            checkPreloadedIncident(preloader);
            processes.closePreloader();
            return;
        }
        processes.closePreloader();

        int brokerPort = BenchNode.freeBrokerPort();
        String bootstrap = "127.0.0.1:" + brokerPort;
        processes.add(BenchNode.start("kafka", logs, brokerPort, BROKER_MAIN,
                processes.brokerArguments(directory.resolve("kafka"), brokerPort))).awaitListening(Duration.ofSeconds(60));
        log("Kafka broker on %s", bootstrap);

        // 2. The cluster.
        Instant clusterStart = Instant.now();
        BenchNode incidentA = startIncident("incident-a", logs, jdbcUrl);
        BenchNode incidentB = NODES > 1 ? startIncident("incident-b", logs, jdbcUrl) : incidentA;
        incidentA.awaitHealthy(Duration.ofMinutes(3));
        incidentB.awaitHealthy(Duration.ofMinutes(3));
        BenchNode projectionA = startProjection("projection-a", logs, jdbcUrl, bootstrap);
        BenchNode projectionB = NODES > 1 ? startProjection("projection-b", logs, jdbcUrl, bootstrap) : projectionA;
        Duration catchUpPatience = Duration.ofMinutes(5).plusSeconds(PENDING / 100);
        projectionA.awaitHealthy(catchUpPatience);
        projectionB.awaitHealthy(catchUpPatience);
        Duration clusterReady = Duration.between(clusterStart, Instant.now());
        log("cluster healthy after %d s (projections caught up with the preloaded history)", clusterReady.toSeconds());

        consumer = new AlertConsumer(bootstrap);
        Thread consumerThread = new Thread(consumer, "alert-consumer");
        consumerThread.setDaemon(true);
        consumerThread.start();
        List<BenchNode> incidentNodes = NODES > 1 ? List.of(incidentA, incidentB) : List.of(incidentA);
        List<BenchNode> projectionNodes = NODES > 1 ? List.of(projectionA, projectionB) : List.of(projectionA);
        awaitCanaries(incidentNodes);
        List<BenchNode> nodes = new ArrayList<>(incidentNodes);
        nodes.addAll(projectionNodes);
        Map<String, Heap> heapReady = heaps(nodes);
        Map<String, List<Integer>> segmentsReady = alertSegments(projectionNodes);
        log("sla-alerts segments owned: %s", segmentsReady);

        // 3. Load, with the probes running beside it.
        probes = new Probes(bootstrap, db);
        probes.start();
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        LoadGenerator load = new LoadGenerator(run, incidentNodes.stream().map(BenchNode::port).toList(), BREACH_AFTER,
                ANSWER_EVERY, CONTRACT);
        if (!WARM_UP.isZero()) {
            load.phase(WARMING_UP);
            Instant warmUpStart = Instant.now();
            load.start(RATE);
            log("warm-up: %.0f opens/s over both incident nodes for %d s, not measured", RATE, WARM_UP.toSeconds());
            sleepUntil(warmUpStart.plus(WARM_UP));
            load.phase(STEADY);
        } else {
            load.start(RATE);
        }
        Instant loadStart = Instant.now();
        String loadAverageBefore = loadAverage();
        log("steady load: %.0f opens/s over both incident nodes for %d s", RATE, DURATION.toSeconds());
        sleepUntil(loadStart.plus(DURATION));
        Instant killedAt = null;
        List<Orphan> orphans = List.of();
        Map<String, List<Integer>> segmentsAtKill = Map.of();
        String projectionKilled = null;
        if (FAILOVER) {
            Instant failoverStart = Instant.now();
            load.phase(BEFORE_KILL);
            log("failover phase: %d s more load, kill at +%d s", FAILOVER_LOAD.toSeconds(), KILL_AFTER.toSeconds());
            sleepUntil(failoverStart.plus(KILL_AFTER));
            // The projection node to kill is the one holding the most alert segments: killing an idle one tests nothing.
            segmentsAtKill = alertSegments(List.of(projectionA, projectionB));
            BenchNode projectionVictim = segmentsAtKill.getOrDefault(projectionB.name(), List.of()).size()
                    > segmentsAtKill.getOrDefault(projectionA.name(), List.of()).size() ? projectionB : projectionA;
            projectionKilled = projectionVictim.name();
            load.routeTo(List.of(incidentB.port()));
            load.phase(AFTER_KILL);
            killedAt = Instant.now();
            incidentA.kill();
            projectionVictim.kill();
            log("SIGKILL sent to %s and %s (sla-alerts segments owned just before: %s)", incidentA.name(),
                    projectionVictim.name(), segmentsAtKill);
            sleepUntil(killedAt.plusMillis(1500));
            orphans = OrphanedDeadlines.find(db, killedAt);
            log("%d deadlines were picked by %s and not finished", orphans.size(), incidentA.name());
            Duration watch = Duration.between(Instant.now(), failoverStart.plus(FAILOVER_LOAD));
            orphans = OrphanedDeadlines.awaitFired(db, orphans, watch.compareTo(Duration.ofSeconds(30)) < 0 ? Duration.ofSeconds(30) : watch);
            sleepUntil(failoverStart.plus(FAILOVER_LOAD));
        }
        load.stop(Duration.ofSeconds(15));
        Instant loadEnd = Instant.now();
        String loadAverageAfter = loadAverage();
        List<Open> opens = load.opens();
        log("load stopped: %d opens sent", opens.size());

        // 4. Let the last breaches arrive.
        List<Open> expected = opens.stream().filter(Open::breachExpected).toList();
        Instant lastDue = expected.stream().map(Open::dueAt).max(Comparator.naturalOrder()).orElse(loadEnd);
        Instant drainUntil = lastDue.plus(DRAIN_PATIENCE);
        while (Instant.now().isBefore(drainUntil) && (Instant.now().isBefore(lastDue.plusSeconds(5))
                || expected.stream().anyMatch(open -> !consumer.breaches().containsKey(open.expectedBreachId())))) {
            Thread.sleep(500);
        }
        Thread.sleep(2_000);
        probes.close();
        consumer.stop();
        consumerThread.join(5_000);
        Map<String, Heap> heapEnd = heaps(nodes.stream().filter(BenchNode::isAlive).toList());
        Tables atEnd = tables(db);
        writeRaw(logs, opens);
        log("raw observations (opens.csv, breaches.csv, probes.csv) in %s", logs);

        report(new Run(preload, afterPreload, atEnd, earliestPending, clusterReady, heapReady, heapEnd, opens, loadStart,
                loadEnd, killedAt, orphans, postgresVersion, nodes.stream().filter(node -> !node.isAlive())
                .map(BenchNode::name).toList(), segmentsReady, segmentsAtKill, projectionKilled, loadAverageBefore,
                loadAverageAfter));
    }

    /**
     * {@code -DpreloadOnly=true}: the preloaded history must be what the aggregate reads. Loads one preloaded incident
     * as an aggregate (ResumeDeadlines schedules its deadlines again) and reads its view.
     */
    private static void checkPreloadedIncident(ConfigurableApplicationContext preloader) {
        IncidentId first = new IncidentId(Preload.PREFIX + 0);
        preloader.getBean(CommandSender.class).send(new ResumeDeadlines(first), new RequestContext("bench", UUID.randomUUID().toString()));
        IncidentView view = preloader.getBean(IncidentService.class).view(first);
        log("preload check: %s loads as an aggregate; severity %s, first response %s, at risk %s, due %s", first.value(),
                view.severity(), view.firstResponse().status(), view.firstResponse().atRiskAt(), view.firstResponse().dueAt());
    }

    /** What was observed, as CSV beside the node logs, so that a run's figures can be computed again. */
    private static void writeRaw(Path directory, List<Open> opens) throws IOException {
        try (java.io.PrintWriter out = new java.io.PrintWriter(Files.newBufferedWriter(directory.resolve("opens.csv")))) {
            out.println("incidentId,phase,sentAt,port,status,dueAt,answer,openMillis,failure");
            opens.forEach(open -> out.println(String.join(",", open.incidentId(), '"' + open.phase() + '"', open.sentAt().toString(),
                    Integer.toString(open.port()), Integer.toString(open.status()), String.valueOf(open.dueAt()),
                    open.answer().name(), Double.toString(open.openMillis()), String.valueOf(open.failure()))));
        }
        try (java.io.PrintWriter out = new java.io.PrintWriter(Files.newBufferedWriter(directory.resolve("breaches.csv")))) {
            out.println("id,incidentId,dueAt,detectedAt,createTimeMillis,receivedAt,records");
            consumer.breaches().values().forEach(breach -> out.println(String.join(",", breach.id(), breach.incidentId(),
                    breach.dueAt().toString(), breach.detectedAt().toString(), Long.toString(breach.createTimeMillis()),
                    breach.receivedAt().toString(), Integer.toString(consumer.recordsOf(breach.id())))));
        }
        probes.write(directory.resolve("probes.csv"));
    }

    /** What the report is made of. */
    private record Run(Preload.Result preload, Tables afterPreload, Tables atEnd, Instant earliestPending,
                       Duration clusterReady, Map<String, Heap> heapReady, Map<String, Heap> heapEnd, List<Open> opens,
                       Instant loadStart, Instant loadEnd, Instant killedAt, List<Orphan> orphans, String postgresVersion,
                       List<String> deadNodes, Map<String, List<Integer>> segmentsReady,
                       Map<String, List<Integer>> segmentsAtKill, String projectionKilled, String loadAverageBefore,
                       String loadAverageAfter) {
    }

    private static BenchNode startIncident(String name, Path logs, String jdbcUrl) throws IOException {
        int port = BenchNode.freePort();
        return processes.add(BenchNode.start(name, logs, port, INCIDENT_MAIN,
                incidentArguments(port, jdbcUrl, "--incident-sla.command-retries=20")));
    }

    private static BenchNode startProjection(String name, Path logs, String jdbcUrl, String bootstrap) throws IOException {
        int port = BenchNode.freePort();
        return processes.add(BenchNode.start(name, logs, port, PROJECTION_MAIN,
                projectionArguments(port, jdbcUrl, bootstrap)));
    }

    /** One Sev 1 through each incident node, due in 3 s: the whole path works before the clock starts. */
    private static void awaitCanaries(List<BenchNode> incidentNodes) throws Exception {
        Instant patience = Instant.now().plus(Duration.ofMinutes(3));
        while (!consumer.assigned() && Instant.now().isBefore(patience)) {
            Thread.sleep(200);
        }
        List<String> ids = new ArrayList<>();
        for (BenchNode node : incidentNodes) {
            String incidentId = "CANARY-" + node.name() + "-" + UUID.randomUUID().toString().substring(0, 8);
            Instant submittedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(15)).plusSeconds(3);
            HttpResponse<String> opened = post(node.port(), "/api/v1/incidents", """
                    {"incidentId": "%s", "contractId": "%s", "severity": "1", "product": "azure-virtual-machines",
                     "channel": "PHONE", "submittedAt": "%s"}""".formatted(incidentId, CONTRACT, submittedAt));
            if (opened.statusCode() != 201) {
                throw new IllegalStateException("canary open on " + node.name() + " answered " + opened.statusCode() + ": "
                        + opened.body());
            }
            ids.add("breach:" + incidentId + ":" + JSON.readTree(opened.body()).path("firstResponse").path("dueAt").asText());
        }
        while (!consumer.breaches().keySet().containsAll(ids)) {
            if (Instant.now().isAfter(patience) || consumer.failure() != null) {
                throw new IllegalStateException("the canary breaches " + ids + " did not arrive on Kafka"
                        + (consumer.failure() == null ? "" : ": " + consumer.failure()));
            }
            Thread.sleep(200);
        }
        log("canaries breached and arrived: %s", ids.stream().map(id -> Stats.ms(consumer.breaches().get(id).receivedMinusDue())
                + " after due").collect(Collectors.joining(", ")));
    }

    private static HttpResponse<String> post(int port, String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("X-Actor", "bench")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The sla-alerts segments each projection node owns, from its health details (empty if it says nothing). */
    private static Map<String, List<Integer>> alertSegments(List<BenchNode> projections) {
        Map<String, List<Integer>> owned = new LinkedHashMap<>();
        for (BenchNode node : projections) {
            List<Integer> segments = new ArrayList<>();
            try {
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + node.port() + "/actuator/health")).timeout(Duration.ofSeconds(5))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                JSON.readTree(health.body()).path("components").path("slaProjection").path("details").path("processors")
                        .path("sla-alerts").path("ownedSegments").fieldNames().forEachRemaining(name -> segments.add(Integer.valueOf(name)));
            } catch (IOException | RuntimeException e) {
                // unknown: counts as owning none
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            owned.put(node.name(), segments);
        }
        return owned;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static Map<String, Heap> heaps(List<BenchNode> nodes) {
        Map<String, Heap> heaps = new LinkedHashMap<>();
        for (BenchNode node : nodes) {
            heaps.put(node.name(), new Heap(metric(node.port(), "jvm.memory.used?tag=area:heap"),
                    metric(node.port(), "jvm.gc.live.data.size")));
        }
        return heaps;
    }

    private static double metric(int port, String metric) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/actuator/metrics/" + metric)).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Double.NaN;
            }
            JsonNode measurements = JSON.readTree(response.body()).path("measurements");
            return measurements.isArray() && !measurements.isEmpty() ? measurements.get(0).path("value").asDouble(Double.NaN)
                    : Double.NaN;
        } catch (IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    private static Tables tables(DataSource db) throws SQLException {
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT pg_total_relation_size('scheduled_tasks'),"
                     + " pg_relation_size('scheduled_tasks'), (SELECT count(*) FROM scheduled_tasks),"
                     + " pg_total_relation_size('domain_event_entry'), (SELECT count(*) FROM domain_event_entry)")) {
            row.next();
            return new Tables(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4), row.getLong(5));
        }
    }

    private static Instant queryInstant(DataSource db, String sql) throws SQLException {
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getTimestamp(1) == null ? null : row.getTimestamp(1).toInstant();
        }
    }

    // ------------------------------------------------------------------------------------------------ report

    /** Delivery of one phase's opens, as the consumer saw it. */
    private record Delivery(String phase, int sent, int acknowledged, int noAnswer, int refused, int answered,
                            int answerUnknown, int expected, int exactlyOnce, List<String> missing, int wrongIds,
                            long duplicates, int answeredButBreached, int unacknowledgedButBreached, Stats openMillis) {
    }

    private static Delivery delivery(String phase, List<Open> opens) {
        List<Open> ofPhase = opens.stream().filter(open -> open.phase().equals(phase)).toList();
        List<String> missing = new ArrayList<>();
        int exactlyOnce = 0;
        int wrongIds = 0;
        long duplicates = 0;
        for (Open open : ofPhase.stream().filter(Open::breachExpected).toList()) {
            List<String> ids = consumer.breachIdsOf(open.incidentId());
            if (ids.isEmpty()) {
                missing.add(open.expectedBreachId());
            } else if (ids.equals(List.of(open.expectedBreachId()))) {
                exactlyOnce++;
            } else {
                wrongIds++;
            }
            duplicates += Math.max(0, consumer.recordsOf(open.expectedBreachId()) - 1);
        }
        return new Delivery(phase, ofPhase.size(), count(ofPhase, Open::acknowledged),
                count(ofPhase, open -> open.status() == -1), count(ofPhase, open -> !open.acknowledged() && open.status() != -1),
                count(ofPhase, open -> open.answer() == Answer.ANSWERED), count(ofPhase, open -> open.answer() == Answer.UNKNOWN),
                count(ofPhase, Open::breachExpected), exactlyOnce, missing, wrongIds, duplicates,
                count(ofPhase, open -> open.answer() == Answer.ANSWERED && !consumer.breachIdsOf(open.incidentId()).isEmpty()),
                count(ofPhase, open -> !open.acknowledged() && !consumer.breachIdsOf(open.incidentId()).isEmpty()),
                Stats.of(ofPhase.stream().filter(Open::acknowledged).map(Open::openMillis).toList()));
    }

    private static int count(List<Open> opens, Predicate<Open> predicate) {
        return (int) opens.stream().filter(predicate).count();
    }

    /** The first record of each expected breach among these opens. */
    private static List<Breach> breachesOf(Stream<Open> opens) {
        return opens.filter(Open::breachExpected).map(open -> consumer.breaches().get(open.expectedBreachId()))
                .filter(Objects::nonNull).toList();
    }

    private static Stats published(List<Breach> breaches) {
        return Stats.of(breaches.stream().map(Breach::publishedMinusDue).toList());
    }

    private static Stats received(List<Breach> breaches) {
        return Stats.of(breaches.stream().map(Breach::receivedMinusDue).toList());
    }

    private static Stats detected(List<Breach> breaches) {
        return Stats.of(breaches.stream().map(Breach::detectedMinusDue).toList());
    }

    private static void report(Run run) throws IOException {
        List<Open> opens = run.opens();
        Instant kill = run.killedAt();
        Predicate<Instant> steadyWindow = at -> !at.isBefore(run.loadStart()) && (kill == null || at.isBefore(kill));
        List<Breach> steady = breachesOf(opens.stream().filter(open -> open.phase().equals(STEADY)));
        Stats steadyPublished = published(steady);
        Stats steadyReceived = received(steady);
        Stats steadyDetected = detected(steady);
        Stats kafkaRoundTrip = probes.kafkaRoundTrip(steadyWindow);
        Stats kafkaAck = probes.kafkaAck(steadyWindow);
        Stats commit = probes.commit(steadyWindow);
        List<Delivery> deliveries = Stream.of(WARMING_UP, STEADY, BEFORE_KILL, AFTER_KILL).map(phase -> delivery(phase, opens))
                .filter(delivery -> delivery.sent() > 0).toList();

        List<Breach> window = kill == null ? List.of() : breachesOf(opens.stream().filter(open -> open.acknowledged()
                && !open.dueAt().isBefore(kill) && !open.dueAt().isAfter(kill.plus(FAILOVER_WINDOW))));
        List<Breach> heldAtKill = kill == null ? List.of() : breachesOf(opens.stream().filter(open -> open.acknowledged()
                && !open.dueAt().isBefore(kill.minus(HELD_BEFORE_KILL)) && open.dueAt().isBefore(kill)));
        List<Breach> afterKill = kill == null ? List.of() : breachesOf(opens.stream().filter(open -> open.acknowledged()
                && !open.dueAt().isBefore(kill)));
        List<Breach> late = kill == null ? List.of() : breachesOf(opens.stream().filter(open -> open.acknowledged()
                && !open.dueAt().isBefore(kill.minus(HELD_BEFORE_KILL)))).stream()
                .filter(breach -> breach.receivedMinusDue() >= ON_TIME_MILLIS).toList();
        Instant lastLateArrival = late.stream().map(Breach::receivedAt).max(Comparator.naturalOrder()).orElse(null);
        Instant lastLateDue = late.stream().map(Breach::dueAt).max(Comparator.naturalOrder()).orElse(null);
        Instant lastExpectedDue = opens.stream().filter(Open::breachExpected).map(Open::dueAt).max(Comparator.naturalOrder())
                .orElse(null);
        boolean neverRecovered = lastLateDue != null && lastExpectedDue != null
                && Duration.between(lastLateDue, lastExpectedDue).compareTo(Duration.ofSeconds(2)) < 0;
        Breach slowest = Stream.concat(heldAtKill.stream(), afterKill.stream()).max(Comparator.comparingDouble(Breach::receivedMinusDue)).orElse(null);
        List<Orphan> breachOrphans = run.orphans().stream().filter(orphan -> "breach".equals(orphan.deadline())
                && orphan.incidentId() != null).toList();
        List<Double> orphanAlertAfterKill = breachOrphans.stream()
                .map(orphan -> consumer.breachIdsOf(orphan.incidentId()).stream().map(id -> consumer.breaches().get(id))
                        .filter(Objects::nonNull).mapToLong(Breach::createTimeMillis).min())
                .filter(java.util.OptionalLong::isPresent).map(time -> (double) (time.getAsLong() - kill.toEpochMilli())).toList();
        List<Double> orphanFiredAfterKill = run.orphans().stream().filter(orphan -> orphan.firedAt() != null)
                .map(orphan -> AlertConsumer.millisBetween(kill, orphan.firedAt())).toList();

        String cpu = cpuModel();
        int cores = Runtime.getRuntime().availableProcessors();
        String memory = memoryGiB();
        String jdk = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        String kafkaVersion = AppInfoParser.getVersion();
        int loadSeconds = (int) Duration.between(run.loadStart(), run.loadEnd()).toSeconds();

        // ---------------------------------------------------------------- plain figures
        System.out.println();
        System.out.println("=== alert latency under load: results ===");
        System.out.printf("preload (%s): %,d of %,d in %.1f s = %.0f/s, %d failed%s%n", run.preload().mode(),
                run.preload().opened(), run.preload().requested(), run.preload().took().toMillis() / 1000.0,
                run.preload().perSecond(), run.preload().failed(), run.preload().opened() < 100_000
                        ? String.format(" (100k would take about %.0f s)", 100_000 / Math.max(1, run.preload().perSecond())) : "");
        System.out.printf("cluster ready (4 nodes healthy, projections caught up) %d s after start%n", run.clusterReady().toSeconds());
        System.out.println("steady breaches published - due:  " + steadyPublished.line());
        System.out.println("steady breaches received - due:   " + steadyReceived.line());
        System.out.println("steady breaches detected - due:   " + steadyDetected.line());
        System.out.println("raw Kafka send -> receive:        " + kafkaRoundTrip.line());
        System.out.println("raw Kafka send -> ack (acks=all): " + kafkaAck.line());
        System.out.println("raw PostgreSQL INSERT + commit:   " + commit.line());
        System.out.printf("ratios: received-due p50 %s Kafka round trip, %s PostgreSQL commit; p99 %s Kafka, %s PostgreSQL%n",
                Stats.ratio(steadyReceived.p50(), kafkaRoundTrip.p50()), Stats.ratio(steadyReceived.p50(), commit.p50()),
                Stats.ratio(steadyReceived.p99(), kafkaRoundTrip.p99()), Stats.ratio(steadyReceived.p99(), commit.p99()));
        System.out.printf("probe failures: Kafka %d, PostgreSQL %d; records without CreateTime %d, unreadable %d%n",
                probes.kafkaFailures(), probes.databaseFailures(), consumer.notCreateTime(), consumer.unreadable());
        System.out.printf("load average (1, 5, 15 min) at the start of the steady phase: %s; at load end: %s%n", run.loadAverageBefore(),
                run.loadAverageAfter());
        System.out.println("received - due by due instant, 10 s buckets from the load start:");
        printBuckets(breachesOf(opens.stream()), run.loadStart(), kill);
        if (steadyReceived.p90() >= ON_TIME_MILLIS) {
            System.out.println("NOTE: steady-phase p90 is not under 250 ms itself: the failover time below (back under 250 ms"
                    + " for good) cannot mean much in this run");
        }
        if (kill != null) {
            System.out.println("sla-alerts segments at ready: " + run.segmentsReady() + "; just before the kill: "
                    + run.segmentsAtKill() + "; projection killed: " + run.projectionKilled());
            System.out.println("due in [kill-10s, kill) received - due:  " + received(heldAtKill).line());
            System.out.println("failover window [kill, kill+15s] received - due: " + received(window).line());
            System.out.println("failover window [kill, kill+15s] published - due: " + published(window).line());
            System.out.println("all due after kill, received - due: " + received(afterKill).line());
            System.out.printf("slowest after kill: %s (due kill%+.1f s)%n", slowest == null ? "n/a" : Stats.ms(slowest.receivedMinusDue()),
                    slowest == null ? Double.NaN : AlertConsumer.millisBetween(kill, slowest.dueAt()) / 1000);
            System.out.println(lastLateArrival == null ? "failover time: no breach due after kill-10s arrived 250 ms or more late"
                    : String.format("failover time: last breach >= 250 ms late arrived kill+%.1f s; deadlines due after kill%+.1f s all on time%s",
                    AlertConsumer.millisBetween(kill, lastLateArrival) / 1000, AlertConsumer.millisBetween(kill, lastLateDue) / 1000,
                    neverRecovered ? " (NOT RECOVERED: the last deadlines of the run were still late)" : ""));
            System.out.printf("orphaned deadlines of the killed incident node: %d (%d breach); rows fired by the survivor after kill: %s;"
                            + " their breach alerts sent after kill: %s%n", run.orphans().size(), breachOrphans.size(),
                    orphanFiredAfterKill.isEmpty() ? "n/a" : Stats.of(orphanFiredAfterKill).line(),
                    orphanAlertAfterKill.isEmpty() ? "n/a" : Stats.of(orphanAlertAfterKill).line());
            run.orphans().forEach(orphan -> System.out.printf("  orphan %s %s of %s due %s heartbeat %s fired %s%n",
                    orphan.taskInstance(), orphan.deadline(), orphan.incidentId(), orphan.executionTime(), orphan.lastHeartbeat(),
                    orphan.firedAt() == null ? "not within the watch" : "kill+" + Stats.ms(AlertConsumer.millisBetween(kill, orphan.firedAt()))));
            System.out.println("killed nodes: " + run.deadNodes());
        }
        for (Delivery delivery : deliveries) {
            System.out.printf("%s: %d sent, %d acknowledged (%d no answer, %d refused), %d answered (%d unknown), %d breaches expected,"
                            + " %d exactly once, %d missing, %d wrong/extra ids, %d duplicate records, %d answered but breached,"
                            + " %d unacknowledged but breached; open over REST %s%n", delivery.phase(), delivery.sent(),
                    delivery.acknowledged(), delivery.noAnswer(), delivery.refused(), delivery.answered(), delivery.answerUnknown(),
                    delivery.expected(), delivery.exactlyOnce(), delivery.missing().size(), delivery.wrongIds(), delivery.duplicates(),
                    delivery.answeredButBreached(), delivery.unacknowledgedButBreached(), delivery.openMillis().line());
            delivery.missing().stream().limit(20).forEach(id -> System.out.println("  missing " + id));
            Map<String, Long> reasons = opens.stream().filter(open -> open.phase().equals(delivery.phase()) && open.failure() != null)
                    .collect(Collectors.groupingBy(Open::failure, LinkedHashMap::new, Collectors.counting()));
            if (!reasons.isEmpty()) {
                System.out.println("  failures: " + reasons);
            }
        }
        System.out.printf("breach records %d (%d distinct ids, %d duplicates overall); warnings %d records, %d distinct%n",
                consumer.breachRecords(), consumer.breaches().size(), consumer.duplicateBreachRecords(), consumer.warningRecords(),
                consumer.distinctWarnings());
        long preloadBreaches = consumer.breaches().values().stream().filter(breach -> breach.incidentId().startsWith(Preload.PREFIX)).count();
        System.out.printf("preloaded incidents breached during the run (must be 0): %d%n", preloadBreaches);
        System.out.printf("scheduled_tasks after preload: %,d rows, %,d bytes total (%,d heap), %.0f bytes per deadline, %.0f per pending SLA;"
                        + " at end: %,d rows, %,d bytes%n", run.afterPreload().scheduledRows(), run.afterPreload().scheduledTotalBytes(),
                run.afterPreload().scheduledHeapBytes(), perRow(run.afterPreload().scheduledTotalBytes(), run.afterPreload().scheduledRows()),
                perRow(run.afterPreload().scheduledTotalBytes(), run.preload().opened()), run.atEnd().scheduledRows(),
                run.atEnd().scheduledTotalBytes());
        System.out.printf("domain_event_entry after preload: %,d rows, %,d bytes (%.0f per event)%n", run.afterPreload().eventRows(),
                run.afterPreload().eventTotalBytes(), perRow(run.afterPreload().eventTotalBytes(), run.afterPreload().eventRows()));
        System.out.println("heap (used / live after last major GC), ready: " + heapLine(run.heapReady()));
        System.out.println("heap (used / live after last major GC), end:   " + heapLine(run.heapEnd()));

        // ---------------------------------------------------------------- Markdown
        StringBuilder md = new StringBuilder();
        md.append("## Alert latency under load, two nodes of each service, with failover\n\n");
        md.append("Run:\n\n```\n./mvnw -B -q install -DskipTests && ./mvnw -B -pl cluster-tests -Pbenchmarks -DskipTests verify\n```\n\n");
        md.append("(`-Dpending=5000 -Dduration=40` for a short run.) Source: `cluster-tests/src/test/java/dev/incidentsla/cluster/bench/")
                .append("AlertLatencyUnderLoadBenchmark.java`.\n\n");
        md.append(String.format("- %,d pending SLAs (half Sev C, half Sev B, submitted at preload, due hours later) preloaded through ",
                run.preload().opened()))
                .append(run.preload().mode().equals("commands")
                        ? "`OpenIncident` commands on an in-process incident-service context (real aggregates, both deadlines per incident in `scheduled_tasks`)"
                        : "`IncidentOpened` appended with `EventStore.publish` and both deadlines scheduled with the `DeadlineManager`, 500 per transaction")
                .append(String.format(" from %d threads: %.0f incidents/s, %.0f s.%n", PRELOAD_THREADS, run.preload().perSecond(),
                        run.preload().took().toMillis() / 1000.0));
        md.append(String.format("- Then " + (NODES > 1 ? "two incident-service and two sla-projection nodes" : "one incident-service and one sla-projection node") + ", separate JVMs (`-Xmx512m -XX:+UseSerialGC`, %s%s), "
                + "one PostgreSQL %s (%s), one KRaft broker (Kafka %s), all on "
                + "this machine; ready %d s after start (the projections read the preloaded history first).%n",
                BenchNode.jit(),
                System.getProperty("nodeArgs", "").isBlank() ? "" : ", settings `" + System.getProperty("nodeArgs").trim() + "`",
                run.postgresVersion(),
                DURABLE ? "fsync and synchronous commit on" : "zonky defaults: fsync and synchronous commit off", kafkaVersion,
                run.clusterReady().toSeconds()));
        md.append(String.format("- Load: %.0f Sev 1 Azure opens/s over REST, round robin over the incident nodes, " + (WARM_UP.isZero() ? ""
                        : "after " + WARM_UP.toSeconds() + " s of the same load as a warm-up (not measured), ") + "for %d s%s; each "
                        + "breaches %d s after it is opened; every %s answered at once (must not breach). The at-risk instant (75 %% of "
                        + "the target) has passed at the open, so each open also records `FirstResponseAtRisk` and sends a warning at once.%n", RATE, DURATION.toSeconds(),
                kill == null ? "" : String.format(" then %d s more, killing (SIGKILL) one incident node and one projection node %d s in",
                        FAILOVER_LOAD.toSeconds(), KILL_AFTER.toSeconds()), BREACH_AFTER.toSeconds(), ordinal(ANSWER_EVERY)));
        md.append("- Measured by a Kafka consumer of its own group on `incident.sla.breaches`: the record's CreateTime (the producer's "
                + "send) minus `data.dueAt`, the consumer's receipt minus `dueAt`, and `data.detectedAt` minus `dueAt`; first record "
                + "per CloudEvents id. Raw probes in the same run: a record every 50 ms (acks=all) to a probe topic, received by a "
                + "consumer in the same JVM; a 600-byte INSERT with its own commit every 100 ms.\n\n");
        md.append(String.format("**%s**, %d vCPU %s (%s), %s. Steady phase, %d breaches:%n%n", LocalDate.now(ZoneOffset.UTC), cores,
                cpu, memory, jdk, steady.size()));
        md.append("| | p50 | p90 | p99 | max | count |\n|---|---|---|---|---|---|\n");
        md.append(steadyPublished.row("breach published (CreateTime) − `dueAt`")).append('\n');
        md.append(steadyReceived.row("breach received − `dueAt`")).append('\n');
        md.append(steadyDetected.row("`detectedAt` − `dueAt`")).append('\n');
        md.append(kafkaRoundTrip.row("raw Kafka: send → receive (acks=all)")).append('\n');
        md.append(kafkaAck.row("raw Kafka: send → ack")).append('\n');
        md.append(commit.row("raw PostgreSQL: INSERT 600 B + commit")).append("\n\n");
        md.append(String.format("Breach received − `dueAt` against the raw components: p50 %s the Kafka round trip and %s a "
                        + "PostgreSQL commit; p99 %s and %s.%n%n", Stats.ratio(steadyReceived.p50(), kafkaRoundTrip.p50()),
                Stats.ratio(steadyReceived.p50(), commit.p50()), Stats.ratio(steadyReceived.p99(), kafkaRoundTrip.p99()),
                Stats.ratio(steadyReceived.p99(), commit.p99())));
        if (kill != null) {
            md.append("Failover (SIGKILL of one incident node and one projection node under load):\n\n");
            md.append("| | p50 | p90 | p99 | max | count |\n|---|---|---|---|---|---|\n");
            md.append(received(heldAtKill).row("breach received − `dueAt`, due in [kill − 10 s, kill)")).append('\n');
            md.append(received(window).row("breach received − `dueAt`, due in [kill, kill + 15 s]")).append('\n');
            md.append(published(window).row("breach published − `dueAt`, due in [kill, kill + 15 s]")).append('\n');
            md.append(received(afterKill).row("breach received − `dueAt`, all due after the kill")).append("\n\n");
            md.append(String.format("- Killed `incident-a` and `%s`, which owned sla-alerts segments %s just before (the other "
                    + "projection node: %s).%n", run.projectionKilled(), run.segmentsAtKill().get(run.projectionKilled()),
                    run.segmentsAtKill().entrySet().stream().filter(entry -> !entry.getKey().equals(run.projectionKilled()))
                            .map(entry -> entry.getValue().toString()).findFirst().orElse("?")));
            md.append(lastLateArrival == null ? "- Failover time: no breach due from 10 s before the kill on arrived 250 ms late or more.\n"
                    : neverRecovered ? String.format("- Failover time: latency did not fall back under 250 ms for good before the "
                            + "load ended (the last breach 250 ms late or more arrived %.1f s after the kill).%n",
                    AlertConsumer.millisBetween(kill, lastLateArrival) / 1000)
                    : String.format("- Failover time: the last breach 250 ms late or more arrived %.1f s after the kill; every "
                            + "deadline due from kill %+.1f s on was alerted within 250 ms.%n",
                    AlertConsumer.millisBetween(kill, lastLateArrival) / 1000, AlertConsumer.millisBetween(kill, lastLateDue) / 1000));
            if (steadyReceived.p90() >= ON_TIME_MILLIS) {
                md.append(String.format("- The steady phase itself had p90 %s: \"back under 250 ms\" says little in this run.%n",
                        Stats.ms(steadyReceived.p90())));
            }
            md.append(String.format("- Deadlines the killed incident node had picked and not finished: %d (%d breaches).",
                    run.orphans().size(), breachOrphans.size()));
            if (!orphanFiredAfterKill.isEmpty()) {
                md.append(String.format(" The surviving node fired them %s to %s after the kill",
                        Stats.ms(orphanFiredAfterKill.stream().min(Double::compare).orElseThrow()),
                        Stats.ms(orphanFiredAfterKill.stream().max(Double::compare).orElseThrow())));
                md.append(orphanAlertAfterKill.isEmpty() ? "." : String.format("; the first of their breach alerts was sent %s after it.",
                        Stats.ms(orphanAlertAfterKill.stream().min(Double::compare).orElseThrow())));
            }
            md.append('\n');
            md.append("- No per-segment load on failover: deadlines stay in `scheduled_tasks` and the surviving node's polling "
                    + "takes over what the dead one had picked once its heartbeat is missed; alert segments move after the token "
                    + "claim timeout.\n\n");
        }
        md.append("Delivery (each acknowledged, unanswered open must give exactly one breach id):\n\n");
        md.append("| phase | opens sent | acknowledged | answered | breaches expected | exactly once | missing | wrong or extra ids "
                + "| duplicate records | answered but breached |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (Delivery delivery : deliveries) {
            md.append(String.format("| %s | %d | %d | %d | %d | %d | %d | %d | %d | %d |%n", delivery.phase(), delivery.sent(),
                    delivery.acknowledged(), delivery.answered(), delivery.expected(), delivery.exactlyOnce(), delivery.missing().size(),
                    delivery.wrongIds(), delivery.duplicates(), delivery.answeredButBreached()));
        }
        md.append('\n');
        md.append(String.format("Memory and cost: `scheduled_tasks` held %,d rows for %,d pending SLAs, %.1f MB with its indexes: "
                        + "**%.0f bytes per pending deadline** (%.0f per SLA, two deadlines each), on disk, not on any heap. "
                        + "Heap used per node, ready / end (live data after the last major GC in brackets): %s / %s. "
                        + "`domain_event_entry`: %.0f bytes per event.%n", run.afterPreload().scheduledRows(), run.preload().opened(),
                run.afterPreload().scheduledTotalBytes() / 1e6, perRow(run.afterPreload().scheduledTotalBytes(), run.afterPreload().scheduledRows()),
                perRow(run.afterPreload().scheduledTotalBytes(), run.preload().opened()), heapLine(run.heapReady()), heapLine(run.heapEnd()),
                perRow(run.afterPreload().eventTotalBytes(), run.afterPreload().eventRows())));
        System.out.println();
        System.out.println("=== Markdown for BENCHMARKS.md (load ran " + loadSeconds + " s) ===");
        System.out.println(md);
        System.out.println("=== end of Markdown ===");
    }

    /** Received − due of the breaches by their due instant, in 10 s buckets from the load start. */
    private static void printBuckets(List<Breach> breaches, Instant loadStart, Instant kill) {
        Map<Long, List<Breach>> buckets = breaches.stream().collect(Collectors.groupingBy(
                breach -> Math.floorDiv(Duration.between(loadStart, breach.dueAt()).toSeconds(), 10L),
                java.util.TreeMap::new, Collectors.toList()));
        buckets.forEach((bucket, ofBucket) -> {
            Instant from = loadStart.plusSeconds(bucket * 10);
            boolean killed = kill != null && !kill.isBefore(from) && kill.isBefore(from.plusSeconds(10));
            System.out.printf("  %+4d s: %s%s%n", bucket * 10, received(ofBucket).line(), killed ? "   <- kill" : "");
        });
    }

    private static String heapLine(Map<String, Heap> heaps) {
        return heaps.entrySet().stream().map(entry -> entry.getKey() + " " + mb(entry.getValue().usedBytes())
                + (Double.isNaN(entry.getValue().liveBytes()) ? "" : " (" + mb(entry.getValue().liveBytes()) + ")"))
                .collect(Collectors.joining(", "));
    }

    private static String mb(double bytes) {
        return Double.isNaN(bytes) ? "n/a" : String.format("%.0f MB", bytes / 1e6);
    }

    private static double perRow(long bytes, long rows) {
        return rows == 0 ? Double.NaN : bytes / (double) rows;
    }

    private static String ordinal(int n) {
        return n == 1 ? "one" : n == 2 ? "2nd" : n == 3 ? "3rd" : n + "th";
    }

    // ------------------------------------------------------------------------------------------------ lifecycle

    private static void sleepUntil(Instant instant) throws InterruptedException {
        long millis = Duration.between(Instant.now(), instant).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    private static void log(String format, Object... arguments) {
        System.out.printf("[%6.1f s] %s%n", AlertConsumer.millisBetween(STARTED, Instant.now()) / 1000, String.format(format, arguments));
    }

    /** The orderly way out: the alert consumer and the probes, then {@link BenchProcesses#close()}. */
    private static synchronized void stopAll() {
        if (consumer != null) {
            consumer.stop();
        }
        if (probes != null) {
            try {
                probes.close();
            } catch (Exception ignored) {
                // stopping anyway
            }
            probes = null;
        }
        processes.close();
    }
}
