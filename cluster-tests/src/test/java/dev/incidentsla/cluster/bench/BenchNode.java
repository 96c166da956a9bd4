package dev.incidentsla.cluster.bench;

import dev.incidentsla.cluster.NodeProcess;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One node of the benchmark: a {@link NodeProcess} (the shape {@code ClusterFailoverTest} runs) and its port. Its
 * JVM compiles as the service runs in production: the incident service tiered (the benchmark's warm-up lets C2 finish
 * the hot paths), the projection at C1 ({@code -XX:TieredStopAtLevel=1}, as its Dockerfile and deployment set it).
 * {@code -DnodeJit=c1} stops every node at C1, {@code -DnodeJit=tiered} compiles every node tiered, and
 * {@code -DnodeArgs="--a=b;--c=d"} adds settings to every node, {@code -DnodeJvm="-Xa;-Xb"} JVM options ({@code {name}}
 * stands for the node's name, e.g. for a flight recording per node).
 */
final class BenchNode implements AutoCloseable {

    private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

    private final NodeProcess process;
    private final int port;

    private BenchNode(NodeProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    static BenchNode start(String name, Path logs, int port, String mainClass, List<String> arguments) throws IOException {
        String jit = System.getProperty("nodeJit", "production");
        boolean c1 = "c1".equals(jit) || "production".equals(jit) && BenchProcesses.PROJECTION_MAIN.equals(mainClass);
        List<String> jvmOptions = new ArrayList<>(c1 ? List.of(C1_ONLY) : List.of());
        String jvm = System.getProperty("nodeJvm", "").trim();
        if (!jvm.isEmpty()) {
            jvmOptions.addAll(List.of(jvm.replace("{name}", name).split("[\\s;]+")));
        }
        List<String> all = new ArrayList<>(arguments);
        String extra = System.getProperty("nodeArgs", "").trim();
        if (!extra.isEmpty()) {
            all.addAll(List.of(extra.split("[\\s;]+")));
        }
        return new BenchNode(NodeProcess.start(name, logs, mainClass, jvmOptions, all), port);
    }

    /** How the nodes' JVMs compile, for the benchmarks' reports. */
    static String jit() {
        return switch (System.getProperty("nodeJit", "production")) {
            case "c1" -> "every node at C1 only";
            case "tiered" -> "every node tiered";
            default -> "incident service tiered, projection at C1 only (production)";
        };
    }

    String name() {
        return process.name();
    }

    int port() {
        return port;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    BenchNode awaitHealthy(Duration patience) throws InterruptedException {
        process.awaitHealthy(port, patience);
        return this;
    }

    BenchNode awaitListening(Duration patience) throws InterruptedException {
        process.awaitListening(port, patience);
        return this;
    }

    static int healthStatus(int port) {
        return NodeProcess.healthStatus(port);
    }

    void kill() throws InterruptedException {
        process.kill();
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }

    static int freePort() throws IOException {
        return NodeProcess.freePort();
    }

    static int freeBrokerPort() throws IOException {
        return NodeProcess.freeBrokerPort();
    }
}
