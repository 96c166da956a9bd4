package dev.incidentsla.localkafka;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one process), run from the Kafka jars:
 * it formats its storage on first start and keeps it across restarts. Listens on loopback only.
 *
 * <p>Usage: {@code LocalKafkaBroker <data directory> [port]} (port default 9092; the controller listens on port + 1000).
 * A file {@value #OVERRIDES} in the data directory, when present, adds to or replaces these broker properties: a
 * test that needs SASL listeners or an authorizer writes it before the first start, and restarts keep it.
 */
public final class LocalKafkaBroker {

    /** Broker properties merged over the defaults, read from the data directory. */
    public static final String OVERRIDES = "server-overrides.properties";

    private LocalKafkaBroker() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: LocalKafkaBroker <data directory> [port]");
            System.exit(2);
        }
        Path directory = Path.of(args[0]).toAbsolutePath();
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 9092;
        Path config = prepare(directory, port);
        kafka.Kafka.main(new String[]{config.toString()});
    }

    /** Writes the broker's configuration and formats its storage if it is new; returns the configuration file. */
    static Path prepare(Path directory, int port) throws Exception {
        Path logs = directory.resolve("logs");
        Files.createDirectories(logs);
        Path config = directory.resolve("server.properties");
        Properties properties = new Properties();
        properties.setProperty("process.roles", "broker,controller");
        properties.setProperty("node.id", "1");
        properties.setProperty("controller.quorum.voters", "1@127.0.0.1:" + (port + 1000));
        properties.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + (port + 1000));
        properties.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        properties.setProperty("controller.listener.names", "CONTROLLER");
        properties.setProperty("inter.broker.listener.name", "PLAINTEXT");
        properties.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        properties.setProperty("log.dirs", logs.toString());
        properties.setProperty("num.partitions", "3");
        properties.setProperty("offsets.topic.replication.factor", "1");
        properties.setProperty("transaction.state.log.replication.factor", "1");
        properties.setProperty("transaction.state.log.min.isr", "1");
        properties.setProperty("share.coordinator.state.topic.replication.factor", "1");
        properties.setProperty("share.coordinator.state.topic.min.isr", "1");
        properties.setProperty("group.initial.rebalance.delay.ms", "0");
        properties.setProperty("auto.create.topics.enable", "true");
        Path overrides = directory.resolve(OVERRIDES);
        if (Files.exists(overrides)) {
            try (Reader in = Files.newBufferedReader(overrides)) {
                properties.load(in);
            }
        }
        try (Writer out = Files.newBufferedWriter(config)) {
            properties.store(out, "single-node KRaft broker for the local run");
        }
        if (!Files.exists(logs.resolve("meta.properties"))) {
            format(config);
        }
        return config;
    }

    private static void format(Path config) throws IOException {
        String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
        int status = kafka.tools.StorageTool.execute(new String[]{"format", "-t", clusterId, "-c", config.toString()},
                System.out);
        if (status != 0) {
            throw new IOException("formatting the broker's storage failed with status " + status);
        }
    }
}
