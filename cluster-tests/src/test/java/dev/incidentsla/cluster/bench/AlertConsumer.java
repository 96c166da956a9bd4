package dev.incidentsla.cluster.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a dashboard sees: a consumer of its own group, from the earliest offset, on the breach and warning topics.
 * Keeps the first record of each CloudEvents id (later ones are counted as duplicates) with the three instants the
 * latency is measured from: the record's CreateTime (the producer's send), this consumer's receipt, and the
 * event's {@code data.detectedAt}; all against {@code data.dueAt}.
 */
final class AlertConsumer implements Runnable {

    static final String BREACHES = "incident.sla.breaches";
    static final String WARNINGS = "incident.sla.warnings";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The first record seen of one breach id. */
    record Breach(String id, String incidentId, Instant dueAt, Instant detectedAt, long createTimeMillis,
                  Instant receivedAt) {
        double publishedMinusDue() {
            return createTimeMillis - dueAt.toEpochMilli();
        }

        double receivedMinusDue() {
            return millisBetween(dueAt, receivedAt);
        }

        double detectedMinusDue() {
            return millisBetween(dueAt, detectedAt);
        }
    }

    private final String bootstrap;
    private final Map<String, Breach> breaches = new ConcurrentHashMap<>();
    private final Map<String, List<String>> breachIdsByIncident = new ConcurrentHashMap<>();
    private final Map<String, Integer> recordsById = new ConcurrentHashMap<>();
    private final Set<String> warningIds = ConcurrentHashMap.newKeySet();
    private final AtomicLong breachRecords = new AtomicLong();
    private final AtomicLong warningRecords = new AtomicLong();
    private final AtomicLong unreadable = new AtomicLong();
    private final AtomicLong notCreateTime = new AtomicLong();
    private volatile boolean running = true;
    private volatile boolean assigned;
    private volatile Throwable failure;

    AlertConsumer(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    @Override
    public void run() {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000);
        try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(config)) {
            kafka.subscribe(List.of(BREACHES, WARNINGS));
            while (running) {
                ConsumerRecords<String, String> records = kafka.poll(Duration.ofMillis(100));
                Instant receivedAt = Instant.now();
                assigned |= !kafka.assignment().isEmpty();
                for (ConsumerRecord<String, String> record : records) {
                    accept(record, receivedAt);
                }
            }
        } catch (Throwable e) {
            failure = e;
        }
    }

    private void accept(ConsumerRecord<String, String> record, Instant receivedAt) {
        JsonNode event;
        try {
            event = JSON.readTree(record.value());
        } catch (Exception e) {
            unreadable.incrementAndGet();
            return;
        }
        String id = event.path("id").asText(null);
        if (id == null) {
            unreadable.incrementAndGet();
            return;
        }
        if (record.topic().equals(WARNINGS)) {
            warningRecords.incrementAndGet();
            warningIds.add(id);
            return;
        }
        breachRecords.incrementAndGet();
        if (record.timestampType() != TimestampType.CREATE_TIME) {
            notCreateTime.incrementAndGet();
        }
        JsonNode data = event.path("data");
        recordsById.merge(id, 1, Integer::sum);
        try {
            Breach breach = new Breach(id, data.path("incidentId").asText(), Instant.parse(data.path("dueAt").asText()),
                    Instant.parse(data.path("detectedAt").asText()), record.timestamp(), receivedAt);
            if (breaches.putIfAbsent(id, breach) == null) {
                breachIdsByIncident.computeIfAbsent(breach.incidentId(), incident -> new CopyOnWriteArrayList<>()).add(id);
            }
        } catch (RuntimeException e) {
            unreadable.incrementAndGet();
        }
    }

    void stop() {
        running = false;
    }

    boolean assigned() {
        return assigned;
    }

    Throwable failure() {
        return failure;
    }

    Map<String, Breach> breaches() {
        return breaches;
    }

    /** The distinct breach ids seen for an incident (empty if none). */
    List<String> breachIdsOf(String incidentId) {
        List<String> ids = breachIdsByIncident.get(incidentId);
        return ids == null ? List.of() : List.copyOf(ids);
    }

    /** How many records carried this breach id. */
    int recordsOf(String id) {
        return recordsById.getOrDefault(id, 0);
    }

    long breachRecords() {
        return breachRecords.get();
    }

    long duplicateBreachRecords() {
        return breachRecords.get() - breaches.size();
    }

    long warningRecords() {
        return warningRecords.get();
    }

    int distinctWarnings() {
        return warningIds.size();
    }

    long unreadable() {
        return unreadable.get();
    }

    long notCreateTime() {
        return notCreateTime.get();
    }

    static double millisBetween(Instant from, Instant to) {
        Duration between = Duration.between(from, to);
        return between.getSeconds() * 1000.0 + between.getNano() / 1e6;
    }
}
