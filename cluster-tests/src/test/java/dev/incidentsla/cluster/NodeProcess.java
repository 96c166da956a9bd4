package dev.incidentsla.cluster;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One node of the cluster as a process of its own, started from this module's classpath, so that it can be killed
 * with SIGKILL as a machine failure would: nothing in it gets to run on the way down.
 */
public final class NodeProcess implements AutoCloseable {

    private final String name;
    private final Process process;

    private NodeProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /** A node with a small heap, Serial GC and C1 only: on two shared cores it starts fast and runs steadily. */
    public static NodeProcess start(String name, Path logs, String mainClass, List<String> arguments) throws IOException {
        return start(name, logs, mainClass, List.of("-XX:TieredStopAtLevel=1"), arguments);
    }

    /** A node with a small heap, Serial GC and these JVM options. */
    public static NodeProcess start(String name, Path logs, String mainClass, List<String> jvmOptions, List<String> arguments)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:+UseSerialGC"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile()).start();
        return new NodeProcess(name, process);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until the node answers its health endpoint with 200 (UP). */
    public NodeProcess awaitHealthy(int port, Duration patience) throws InterruptedException {
        Instant giveUp = Instant.now().plus(patience);
        while (healthStatus(port) != 200) {
            if (!process.isAlive() || Instant.now().isAfter(giveUp)) {
                throw new IllegalStateException(name + " did not become healthy on port " + port);
            }
            Thread.sleep(250);
        }
        return this;
    }

    /** Waits until something listens on the port. */
    public NodeProcess awaitListening(int port, Duration patience) throws InterruptedException {
        Instant giveUp = Instant.now().plus(patience);
        while (!listening(port)) {
            if (!process.isAlive() || Instant.now().isAfter(giveUp)) {
                throw new IllegalStateException(name + " did not listen on port " + port);
            }
            Thread.sleep(100);
        }
        return this;
    }

    public static int healthStatus(int port) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/actuator/health")
                    .toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(5_000);
            return connection.getResponseCode();
        } catch (IOException e) {
            return -1;
        }
    }

    /** SIGKILL: the node stops mid-work, holding whatever it held. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A free port whose Kafka controller port (+1000) is free too. */
    public static int freeBrokerPort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int candidate = freePort();
            if (candidate + 1000 < 65_536) {
                try (ServerSocket controller = new ServerSocket(candidate + 1000)) {
                    return candidate;
                } catch (IOException taken) {
                    continue;
                }
            }
        }
        throw new IOException("no free port pair for the Kafka broker");
    }
}
