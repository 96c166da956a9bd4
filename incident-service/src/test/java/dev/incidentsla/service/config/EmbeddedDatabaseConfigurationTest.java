package dev.incidentsla.service.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The local run's database keeps what it acknowledged, and starts again after its JVM was killed. */
class EmbeddedDatabaseConfigurationTest {

    @TempDir
    Path directory;

    private static String show(EmbeddedPostgres postgres, String setting) throws SQLException {
        return query(postgres, "SHOW " + setting);
    }

    private static String query(EmbeddedPostgres postgres, String sql) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            assertThat(result.next()).isTrue();
            return result.getString(1);
        }
    }

    @Test
    void the_local_run_flushes_what_it_acknowledged_to_disk() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedDatabaseConfiguration.start(
                new IncidentSlaProperties.EmbeddedDatabase(true, directory, 0, true))) {
            assertThat(show(postgres, "fsync")).isEqualTo("on");
            assertThat(show(postgres, "synchronous_commit")).isEqualTo("on");
            assertThat(show(postgres, "full_page_writes")).isEqualTo("on");
        }
    }

    private static IncidentSlaProperties.EmbeddedDatabase bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("incident-sla", IncidentSlaProperties.class).embeddedDatabase();
    }

    @Test
    void durability_is_on_unless_a_setting_turns_it_off() {
        IncidentSlaProperties.EmbeddedDatabase defaults = bind(Map.of());
        assertThat(defaults.durable()).isTrue();
        assertThat(defaults.enabled()).isTrue();
        assertThat(defaults.directory()).isEqualTo(Path.of("data/postgres"));
        assertThat(defaults.port()).isZero();
        assertThat(bind(Map.of("incident-sla.embedded-database.durable", "false")).durable()).isFalse();
    }

    @Test
    void a_test_may_trade_durability_for_speed() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedDatabaseConfiguration.start(
                new IncidentSlaProperties.EmbeddedDatabase(true, directory, 0, false))) {
            assertThat(show(postgres, "fsync")).isEqualTo("off");
            assertThat(show(postgres, "synchronous_commit")).isEqualTo("off");
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void after_kill_9_of_its_jvm_the_database_starts_again_on_any_port_and_the_old_server_is_gone()
            throws Exception {
        Process childJvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EmbeddedDatabaseInChildJvm.class.getName(),
                directory.toString())
                .redirectErrorStream(true).start();
        ProcessHandle oldPostmaster = null;
        try {
            List<String> childOutput = Collections.synchronizedList(new ArrayList<>());
            CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> awaitReady(childJvm, childOutput));
            assertThat(ready.get(30, TimeUnit.SECONDS)).as("child JVM output %s", childOutput)
                    .startsWith(EmbeddedDatabaseInChildJvm.READY);
            long oldPid = StalePostmaster.PidFile.read(directory.resolve(StalePostmaster.PID_FILE)).orElseThrow().pid();
            oldPostmaster = ProcessHandle.of(oldPid).orElseThrow();

            childJvm.destroyForcibly();
            assertThat(childJvm.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(oldPostmaster.isAlive()).as("postmaster outliving its JVM").isTrue();

            try (EmbeddedPostgres restarted = EmbeddedDatabaseConfiguration.start(
                    new IncidentSlaProperties.EmbeddedDatabase(true, directory, 0, true))) {
                assertThat(query(restarted, "SELECT 1")).isEqualTo("1");
                assertThat(oldPostmaster.isAlive()).as("old postmaster %s", oldPid).isFalse();
                long newPid = StalePostmaster.PidFile.read(directory.resolve(StalePostmaster.PID_FILE))
                        .orElseThrow().pid();
                assertThat(newPid).isNotEqualTo(oldPid);
            }
        } finally {
            childJvm.destroyForcibly();
            if (oldPostmaster != null) {
                oldPostmaster.destroyForcibly();
            }
        }
    }

    /** Reads the child's output up to its ready line, then keeps draining it so that the child never blocks. */
    private static String awaitReady(Process childJvm, List<String> output) {
        BufferedReader lines = new BufferedReader(new InputStreamReader(childJvm.getInputStream(), StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                if (line.startsWith(EmbeddedDatabaseInChildJvm.READY)) {
                    Thread drain = new Thread(() -> lines.lines().forEach(output::add));
                    drain.setDaemon(true);
                    drain.start();
                    return line;
                }
            }
            return "child JVM ended";
        } catch (IOException e) {
            return "child JVM output unreadable: " + e;
        }
    }
}
