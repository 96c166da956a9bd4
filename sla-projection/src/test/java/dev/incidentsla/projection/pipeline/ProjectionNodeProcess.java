package dev.incidentsla.projection.pipeline;

import dev.incidentsla.projection.SlaProjectionApplication;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Another projection node in a child JVM, from the same classpath: it can be killed outright (SIGKILL), as a
 * crashed node is, leaving its claims in the token store to time out.
 */
public final class ProjectionNodeProcess implements AutoCloseable {

    private final Path log;
    private final List<String> arguments;
    private Process process;

    public ProjectionNodeProcess(Path log, String... arguments) {
        this.log = log;
        this.arguments = List.of(arguments);
    }

    public void start() throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), SlaProjectionApplication.class.getName(),
                "--server.port=0"));
        command.addAll(arguments);
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** The node's owner name in the token store, as Axon names it: {@code pid@host}. */
    public String ownerPrefix() {
        return process.pid() + "@";
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            process = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
