package dev.incidentsla.cluster.deploy.compose;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A compose service's program as a process of this machine, with exactly the environment its container would have:
 * nothing of the test's own environment but {@code PATH} (the image has one too, for its health check's shell).
 */
final class ContainerProcess implements AutoCloseable {

    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);

    private final String name;
    private final Map<String, String> environment;
    private final Path log;
    private final Process process;

    private ContainerProcess(String name, Map<String, String> environment, Path log, Process process) {
        this.name = name;
        this.environment = environment;
        this.log = log;
        this.process = process;
    }

    static ContainerProcess start(String name, List<String> command, Map<String, String> environment, Path directory,
                                  Path logs) throws IOException {
        Path log = logs.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        containerEnvironment(builder, environment);
        return new ContainerProcess(name, environment, log, builder.start());
    }

    /**
     * Runs the service's health check command, with the container's environment, every half second until it passes
     * (exit status 0).
     */
    ContainerProcess awaitHealthy(List<String> healthCheck, Duration patience) throws IOException, InterruptedException {
        Instant giveUp = Instant.now().plus(patience);
        while (!passes(healthCheck)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " stopped while starting; see " + log);
            }
            if (Instant.now().isAfter(giveUp)) {
                throw new IllegalStateException(name + " did not pass its health check within " + patience + "; see " + log);
            }
            Thread.sleep(500);
        }
        return this;
    }

    private boolean passes(List<String> healthCheck) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(healthCheck).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        containerEnvironment(builder, environment);
        Process check = builder.start();
        if (!check.waitFor(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            check.destroyForcibly();
            return false;
        }
        return check.exitValue() == 0;
    }

    private static void containerEnvironment(ProcessBuilder builder, Map<String, String> environment) {
        String path = System.getenv("PATH");
        builder.environment().clear();
        builder.environment().put("PATH", path);
        builder.environment().putAll(environment);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
