package dev.incidentsla.cluster.bench;

import dev.incidentsla.service.IncidentServiceApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Everything a benchmark starts, to stop at the end ({@link #close()}) or on the way out after a failure ({@link #kill()},
 * the shutdown hook): the in-process preloader, the node processes, the embedded PostgreSQL and the broker's data
 * directory. {@code N} is the harness's kind of node process. Also what the harnesses share around them: the nodes'
 * arguments, one-value queries on the database and the machine's description for the reports.
 */
final class BenchProcesses<N> {

    static final String INCIDENT_MAIN = "dev.incidentsla.service.IncidentServiceApplication";
    static final String PROJECTION_MAIN = "dev.incidentsla.projection.SlaProjectionApplication";
    static final String BROKER_MAIN = "dev.incidentsla.localkafka.LocalKafkaBroker";

    /** The benchmark's run, from the start of its first process to its report. */
    @FunctionalInterface
    interface Benchmark {
        void run() throws Exception;
    }

    /** Stops or kills one node process. */
    @FunctionalInterface
    interface NodeStop<N> {
        void stop(N node) throws InterruptedException;
    }

    private final NodeStop<N> close;
    private final NodeStop<N> kill;
    private final boolean keepData;
    private final List<N> nodes = new CopyOnWriteArrayList<>();
    private volatile ConfigurableApplicationContext preloader;
    private volatile EmbeddedPostgres postgres;
    private volatile Path brokerData;

    /**
     * @param close    the orderly stop of a node (SIGTERM, then SIGKILL)
     * @param kill     the immediate one, for the shutdown hook
     * @param keepData whether the broker's data directory outlives the run (as {@code -DkeepData=true} wants)
     */
    BenchProcesses(NodeStop<N> close, NodeStop<N> kill, boolean keepData) {
        this.close = close;
        this.kill = kill;
        this.keepData = keepData;
    }

    /**
     * Runs the benchmark, then stops everything (orderly) and exits with 1 if it failed; the shutdown hook kills what
     * still runs when the JVM is stopped on the way.
     */
    void runThenExit(Benchmark benchmark, Runnable stop) {
        Runtime.getRuntime().addShutdownHook(new Thread(this::kill, "bench-cleanup"));
        int status = 0;
        try {
            benchmark.run();
        } catch (Throwable e) {
            System.out.println("benchmark failed: " + e);
            e.printStackTrace(System.out);
            status = 1;
        } finally {
            stop.run();
        }
        System.exit(status);
    }

    /**
     * Starts the embedded PostgreSQL on 127.0.0.1 (its data directory cleaned at the end unless {@code keepData}), with
     * fsync, synchronous commit and full page writes on where {@code durable}; zonky's own logging quieted to warnings.
     *
     * @return its JDBC URL, user {@code postgres}
     */
    String startPostgres(Path dataDirectory, boolean durable) throws IOException {
        return startPostgres(dataDirectory, durable, Map.of());
    }

    /** As {@link #startPostgres(Path, boolean)}, with more server settings ({@code shared_preload_libraries}, say). */
    String startPostgres(Path dataDirectory, boolean durable, Map<String, String> settings) throws IOException {
        if (LoggerFactory.getLogger("io.zonky") instanceof ch.qos.logback.classic.Logger zonky) {
            zonky.setLevel(ch.qos.logback.classic.Level.WARN);
        }
        EmbeddedPostgres.Builder database = EmbeddedPostgres.builder().setDataDirectory(dataDirectory)
                .setCleanDataDirectory(!keepData).setServerConfig("listen_addresses", "127.0.0.1");
        if (durable) {
            database.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
        }
        settings.forEach(database::setServerConfig);
        postgres = database.start();
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    /**
     * An incident-service context in this JVM for {@link Preload} (it also migrates the database): production profile,
     * access checks off, one deadline thread, quiet; {@code settings} add to or override those.
     */
    ConfigurableApplicationContext startPreloader(String jdbcUrl, String... settings) {
        List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=production",
                "--incident-sla.access.enabled=false", "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=postgres", "--server.port=0", "--server.address=127.0.0.1",
                "--incident-sla.deadlines.threads=1", "--logging.level.root=WARN", "--spring.main.banner-mode=off"));
        arguments.addAll(List.of(settings));
        preloader = new SpringApplicationBuilder(IncidentServiceApplication.class).run(arguments.toArray(String[]::new));
        return preloader;
    }

    void closePreloader() {
        ConfigurableApplicationContext context = preloader;
        if (context != null) {
            context.close();
            preloader = null;
        }
    }

    /** The broker's arguments: its data directory (deleted at the end unless {@code keepData}) and its port. */
    List<String> brokerArguments(Path dataDirectory, int port) {
        brokerData = dataDirectory;
        return List.of(dataDirectory.toString(), Integer.toString(port));
    }

    N add(N node) {
        nodes.add(node);
        return node;
    }

    /** Forgets a node the harness has stopped itself. */
    void remove(N node) {
        nodes.remove(node);
    }

    /** The orderly way out: the preloader, the nodes in the reverse order of their start (SIGTERM, then SIGKILL), then the database. */
    synchronized void close() {
        closePreloader();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            try {
                close.stop(nodes.get(i));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        nodes.clear();
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                System.out.println("stopping PostgreSQL: " + e);
            }
            postgres = null;
        }
        if (brokerData != null && !keepData) {
            deleteRecursively(brokerData);
            brokerData = null;
        }
    }

    /** The shutdown hook (Ctrl-C, or a failure that skipped the orderly way): kill what still runs. */
    void kill() {
        for (N node : nodes) {
            try {
                kill.stop(node);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        EmbeddedPostgres database = postgres;
        if (database != null) {
            try {
                database.close();
            } catch (IOException ignored) {
                // exiting anyway
            }
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.out.println("could not delete " + directory + ": " + e);
        }
    }

    /**
     * An incident-service node's arguments: on {@code port} of 127.0.0.1, production profile, access checks off, the
     * shared database; {@code settings} added.
     */
    static List<String> incidentArguments(int port, String jdbcUrl, String... settings) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=" + port, "--server.address=127.0.0.1",
                "--spring.profiles.active=production", "--incident-sla.access.enabled=false",
                "--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=postgres"));
        arguments.addAll(List.of(settings));
        return arguments;
    }

    /** An sla-projection node's arguments: on {@code port} of 127.0.0.1, the shared database and the broker. */
    static List<String> projectionArguments(int port, String jdbcUrl, String bootstrap) {
        return List.of("--server.port=" + port, "--server.address=127.0.0.1", "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=postgres", "--sla-projection.kafka.bootstrap-servers=" + bootstrap);
    }

    /** The first column of the first row {@code sql} returns from the benchmark's database. */
    static String queryString(DataSource db, String sql) throws SQLException {
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    static long queryLong(DataSource db, String sql) throws SQLException {
        return Long.parseLong(queryString(db, sql));
    }

    /** The machine's CPU, for the report's heading. */
    static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("model name")).map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    /** The machine's memory, for the report's heading. */
    static String memoryGiB() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
            return lines.filter(line -> line.startsWith("MemTotal:")).map(line -> line.replaceAll("\\D", ""))
                    .map(kb -> String.format("%.0f GiB", Long.parseLong(kb) / 1024.0 / 1024.0)).findFirst().orElse("? GiB");
        } catch (IOException e) {
            return "? GiB";
        }
    }
}
