package dev.incidentsla.service.config;

import dev.incidentsla.service.config.StalePostmaster.Kind;
import dev.incidentsla.service.config.StalePostmaster.Outcome;
import dev.incidentsla.service.config.StalePostmaster.PidFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which process a data directory's {@code postmaster.pid} names decides what happens to it: only a postmaster of that
 * directory whose JVM is gone is stopped. Stand-ins for PostgreSQL keep these fast; the real server is in
 * {@link EmbeddedDatabaseConfigurationTest}.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class StalePostmasterTest {

    @TempDir
    Path directory;

    @TempDir
    Path elsewhere;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killStandIns() {
        for (Process process : started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private Process run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        started.add(process);
        return process;
    }

    /** A shell under the name {@code postgres}, showing {@code -D serverDirectory} on its command line. */
    private Process fakePostmasterOf(Path serverDirectory) throws IOException, InterruptedException {
        Path postgres = Files.createDirectories(elsewhere.resolve("bin")).resolve("postgres");
        if (!Files.exists(postgres)) {
            Files.copy(Path.of("/bin/sh"), postgres);
            assertThat(postgres.toFile().setExecutable(true)).isTrue();
        }
        Process postmaster = run(postgres.toString(), "-c", "sleep 30; exit 0", "-D", serverDirectory.toString());
        awaitChild(postmaster);
        return postmaster;
    }

    /** Until the stand-in has forked its "backend", so that what happens to children is seen. */
    private static void awaitChild(Process postmaster) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(5);
        while (postmaster.descendants().findAny().isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
        }
        assertThat(postmaster.descendants().findAny()).as("child of the stand-in postmaster").isPresent();
    }

    private void writePidFile(long pid, Path serverDirectory) throws IOException {
        Files.writeString(directory.resolve(StalePostmaster.PID_FILE), pid + "\n" + serverDirectory + "\n"
                + Instant.now().getEpochSecond() + "\n5432\n/tmp\nlocalhost\n  5432001         0\nready   \n");
    }

    private boolean pidFileExists() {
        return Files.exists(directory.resolve(StalePostmaster.PID_FILE));
    }

    @Test
    void a_directory_without_a_pid_file_is_left_as_it_is() throws IOException {
        assertThat(StalePostmaster.stopIn(directory)).isEqualTo(Outcome.NOTHING_RUNNING);
        try (var entries = Files.list(directory)) {
            assertThat(entries).as("initdb wants an empty directory").isEmpty();
        }
    }

    @Test
    void a_pid_file_of_a_process_that_is_gone_is_left_to_postgresql() throws Exception {
        Process ended = run("true");
        ended.waitFor();
        writePidFile(ended.pid(), directory);

        assertThat(StalePostmaster.stopIn(directory)).isEqualTo(Outcome.NOTHING_RUNNING);
        assertThat(pidFileExists()).isTrue();
    }

    @Test
    void a_postmaster_of_this_directory_outliving_its_jvm_is_stopped() throws Exception {
        Process postmaster = fakePostmasterOf(directory);
        List<ProcessHandle> backends = postmaster.descendants().toList();
        writePidFile(postmaster.pid(), directory);

        assertThat(StalePostmaster.stopIn(directory)).isEqualTo(Outcome.STOPPED);
        assertThat(postmaster.isAlive()).isFalse();
        assertThat(backends).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void a_postmaster_whose_jvm_still_holds_the_directory_is_left_alone() throws Exception {
        Process postmaster = fakePostmasterOf(directory);
        writePidFile(postmaster.pid(), directory);

        try (FileChannel owner = FileChannel.open(directory.resolve(StalePostmaster.OWNER_LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = owner.lock()) {
            assertThat(StalePostmaster.stopIn(directory)).isEqualTo(Outcome.OWNER_ALIVE);
        }
        assertThat(postmaster.isAlive()).isTrue();
        assertThat(pidFileExists()).isTrue();
    }

    @Test
    void a_pid_now_used_by_another_program_is_not_killed_but_its_pid_file_goes() throws IOException {
        Process unrelated = run("sleep", "30");
        writePidFile(unrelated.pid(), directory);

        assertThat(StalePostmaster.stopIn(directory)).isEqualTo(Outcome.PID_FILE_REMOVED);
        assertThat(unrelated.isAlive()).isTrue();
        assertThat(pidFileExists()).isFalse();
    }

    @Test
    void a_postmaster_of_another_directory_is_not_killed() throws Exception {
        Process otherServer = fakePostmasterOf(elsewhere);
        writePidFile(otherServer.pid(), elsewhere);

        assertThat(StalePostmaster.stopIn(directory)).isEqualTo(Outcome.PID_FILE_REMOVED);
        assertThat(otherServer.isAlive()).isTrue();
    }

    @Test
    void a_pid_file_copied_from_another_directory_does_not_get_its_server_stopped() throws Exception {
        Process postmaster = fakePostmasterOf(directory);
        writePidFile(postmaster.pid(), elsewhere);

        assertThat(StalePostmaster.stopIn(directory)).isEqualTo(Outcome.LEFT_ALONE);
        assertThat(postmaster.isAlive()).isTrue();
    }

    @Test
    void a_process_that_does_not_show_what_it_runs_cannot_be_told_apart() {
        assertThat(StalePostmaster.classify(info(null), directory)).isEqualTo(Kind.UNKNOWN);
        assertThat(StalePostmaster.classify(info("/opt/pg/bin/postgres"), directory)).isEqualTo(Kind.UNKNOWN);
        assertThat(StalePostmaster.classify(info("/opt/pg/bin/postgres", "-D", "somewhere/relative"), directory))
                .isEqualTo(Kind.UNKNOWN);
    }

    @Test
    void a_server_whose_binaries_were_deleted_is_still_recognised() {
        assertThat(StalePostmaster.classify(info("/tmp/embedded-pg/bin/postgres (deleted)", "-D",
                directory.toString(), "-p", "5433"), directory)).isEqualTo(Kind.POSTMASTER_OF_THIS_DIRECTORY);
        assertThat(StalePostmaster.classify(info("/usr/bin/java", "-D", directory.toString()), directory))
                .isEqualTo(Kind.SOMETHING_ELSE);
    }

    @Test
    void a_garbled_pid_file_is_left_to_postgresql() {
        assertThat(PidFile.parse(List.of())).isEmpty();
        assertThat(PidFile.parse(List.of("12345"))).isEmpty();
        assertThat(PidFile.parse(List.of("not a pid", "/data"))).isEmpty();
        assertThat(PidFile.parse(List.of("-12345", "/data"))).isEmpty();
        assertThat(PidFile.parse(List.of("12345", "/data", "1764633600", "5432")))
                .contains(new PidFile(12345, Path.of("/data")));
    }

    private static ProcessHandle.Info info(String command, String... arguments) {
        return new ProcessHandle.Info() {
            @Override
            public Optional<String> command() {
                return Optional.ofNullable(command);
            }

            @Override
            public Optional<String> commandLine() {
                return Optional.empty();
            }

            @Override
            public Optional<String[]> arguments() {
                return arguments.length == 0 ? Optional.empty() : Optional.of(arguments);
            }

            @Override
            public Optional<Instant> startInstant() {
                return Optional.empty();
            }

            @Override
            public Optional<Duration> totalCpuDuration() {
                return Optional.empty();
            }

            @Override
            public Optional<String> user() {
                return Optional.empty();
            }
        };
    }
}
