package dev.incidentsla.cluster.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The raw cost of the two components an alert goes through, measured while the load runs: a Kafka round trip (a
 * small record every 50 ms with acks=all, from this producer's send to this consumer's receipt, plus the ack alone),
 * and a PostgreSQL commit (an INSERT of a 600-byte row with its own commit every 100 ms, timed around the call).
 */
final class Probes implements AutoCloseable {

    static final String PROBE_TOPIC = "bench.probe";
    private static final int PAYLOAD_BYTES = 600;

    /** One timed sample: when it was taken and how long it took. */
    record Sample(Instant at, double millis) {
    }

    private final String bootstrap;
    private final DataSource database;
    private final ConcurrentLinkedQueue<Sample> kafkaRoundTrips = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Sample> kafkaAcks = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Sample> commits = new ConcurrentLinkedQueue<>();
    private final AtomicLong kafkaFailures = new AtomicLong();
    private final AtomicLong databaseFailures = new AtomicLong();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "probe");
        thread.setDaemon(true);
        return thread;
    });
    private final Random random = new Random(7);
    private KafkaProducer<String, String> producer;
    private Connection connection;
    private PreparedStatement insert;
    private Thread consumer;
    private volatile boolean running = true;

    Probes(String bootstrap, DataSource database) {
        this.bootstrap = bootstrap;
        this.database = database;
    }

    void start() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(PROBE_TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        connection = database.getConnection();
        connection.setAutoCommit(true);
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE IF NOT EXISTS bench_probe (id BIGSERIAL PRIMARY KEY, written_at TIMESTAMPTZ NOT NULL,"
                    + " payload TEXT NOT NULL)");
        }
        insert = connection.prepareStatement("INSERT INTO bench_probe (written_at, payload) VALUES (?, ?)");
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        CountDownLatch ready = new CountDownLatch(1);
        consumer = new Thread(() -> consume(ready), "probe-consumer");
        consumer.setDaemon(true);
        consumer.start();
        if (!ready.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the probe consumer did not start");
        }
        scheduler.scheduleAtFixedRate(this::sendProbe, 0, 50, TimeUnit.MILLISECONDS);
        scheduler.scheduleAtFixedRate(this::commitProbe, 25, 100, TimeUnit.MILLISECONDS);
    }

    private void sendProbe() {
        try {
            Instant sentAt = Instant.now();
            long started = System.nanoTime();
            producer.send(new ProducerRecord<>(PROBE_TOPIC, "probe", sentAt.toString()), (metadata, error) -> {
                if (error != null) {
                    kafkaFailures.incrementAndGet();
                } else {
                    kafkaAcks.add(new Sample(sentAt, (System.nanoTime() - started) / 1e6));
                }
            });
        } catch (RuntimeException e) {
            kafkaFailures.incrementAndGet();
        }
    }

    private void consume(CountDownLatch ready) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(config)) {
            TopicPartition partition = new TopicPartition(PROBE_TOPIC, 0);
            kafka.assign(List.of(partition));
            kafka.seekToEnd(List.of(partition));
            kafka.position(partition);
            ready.countDown();
            while (running) {
                var records = kafka.poll(Duration.ofMillis(100));
                Instant receivedAt = Instant.now();
                for (ConsumerRecord<String, String> record : records) {
                    Instant sentAt = Instant.parse(record.value());
                    kafkaRoundTrips.add(new Sample(sentAt, AlertConsumer.millisBetween(sentAt, receivedAt)));
                }
            }
        } catch (RuntimeException e) {
            kafkaFailures.incrementAndGet();
            ready.countDown();
        }
    }

    private void commitProbe() {
        try {
            StringBuilder payload = new StringBuilder(PAYLOAD_BYTES);
            for (int i = 0; i < PAYLOAD_BYTES; i++) {
                payload.append((char) ('a' + random.nextInt(26)));
            }
            Instant at = Instant.now();
            insert.setTimestamp(1, Timestamp.from(at));
            insert.setString(2, payload.toString());
            long started = System.nanoTime();
            insert.executeUpdate();
            commits.add(new Sample(at, (System.nanoTime() - started) / 1e6));
        } catch (SQLException | RuntimeException e) {
            databaseFailures.incrementAndGet();
        }
    }

    /** Kafka send to receipt, for samples sent in the window. */
    Stats kafkaRoundTrip(Predicate<Instant> window) {
        return stats(kafkaRoundTrips, window);
    }

    /** Kafka send to acknowledgement (acks=all). */
    Stats kafkaAck(Predicate<Instant> window) {
        return stats(kafkaAcks, window);
    }

    /** PostgreSQL INSERT with its own commit. */
    Stats commit(Predicate<Instant> window) {
        return stats(commits, window);
    }

    long kafkaFailures() {
        return kafkaFailures.get();
    }

    long databaseFailures() {
        return databaseFailures.get();
    }

    /** The raw samples as CSV (kind, sampled at, milliseconds). */
    void write(java.nio.file.Path file) throws java.io.IOException {
        try (java.io.PrintWriter out = new java.io.PrintWriter(java.nio.file.Files.newBufferedWriter(file))) {
            out.println("kind,at,millis");
            Map.of("kafka-round-trip", kafkaRoundTrips, "kafka-ack", kafkaAcks, "postgres-commit", commits).forEach((kind, samples) ->
                    samples.forEach(sample -> out.println(kind + "," + sample.at() + "," + sample.millis())));
        }
    }

    private static Stats stats(ConcurrentLinkedQueue<Sample> samples, Predicate<Instant> window) {
        return Stats.of(samples.stream().filter(sample -> window.test(sample.at())).map(Sample::millis).toList());
    }

    /** Stops sending, then lets the last probes arrive. */
    @Override
    public void close() throws Exception {
        scheduler.shutdown();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        Thread.sleep(500);
        running = false;
        if (consumer != null) {
            consumer.join(5_000);
        }
        if (connection != null) {
            connection.close();
        }
    }
}
