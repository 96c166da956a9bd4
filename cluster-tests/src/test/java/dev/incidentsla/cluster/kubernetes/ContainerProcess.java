package dev.incidentsla.cluster.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A service's container as a process here: the service's own exec jar (the one its image ships), started with exactly
 * the environment given, nothing inherited from this JVM's, and no JVM option beside those the environment carries
 * ({@code JAVA_TOOL_OPTIONS}).
 */
final class ContainerProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private ContainerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static ContainerProcess start(String module, Map<String, String> environment, Path logs) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = logs.resolve(module + ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-jar", execJar(module).toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        return new ContainerProcess(module, builder.start(), log);
    }

    /** The jar {@code spring-boot:repackage} made of the module in this build. */
    static Path execJar(String module) {
        Path target = Manifests.KUBERNETES.getParent().getParent().resolve(module).resolve("target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            List<Path> jars = files.filter(file -> file.getFileName().toString().matches(module + "-.*-exec\\.jar")).toList();
            if (jars.size() != 1) {
                throw new IllegalStateException("expected one exec jar in " + target + ", found " + jars
                        + ": package the module first (./mvnw -B -pl cluster-tests -am verify does)");
            }
            return jars.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return name;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
