package dev.incidentsla.projection.alert;

import dev.incidentsla.projection.ProjectionProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Publishes alerts with {@code kafka-clients}: acks=all and idempotence on, key = incident id, the CloudEvent
 * in structured mode. Security settings come from {@code sla-projection.kafka.properties}.
 */
@Component
public class AlertPublisher implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AlertPublisher.class.getName());

    private final Map<String, Object> config;
    private final ProjectionProperties properties;
    private KafkaProducer<String, String> producer;

    public AlertPublisher(ProjectionProperties properties) {
        this.properties = properties;
        Map<String, Object> config = new HashMap<>(properties.kafka().propertiesOrEmpty());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.putIfAbsent(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        this.config = Map.copyOf(config);
    }

    /** The producer's configuration, as given to {@code kafka-clients}. */
    Map<String, Object> producerConfig() {
        return config;
    }

    public synchronized Future<RecordMetadata> send(AlertOutbox.Alert alert) {
        if (producer == null) {
            producer = new KafkaProducer<>(config);
        }
        ProducerRecord<String, String> record = new ProducerRecord<>(alert.topic(), null, alert.key(), alert.payload(),
                List.of(new RecordHeader("content-type", CloudEvents.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8))));
        return producer.send(record);
    }

    /** Creates the two topics if the broker is reachable and they are missing; the broker may also create them. */
    public Optional<String> ensureTopics() {
        Map<String, Object> adminConfig = new HashMap<>(properties.kafka().propertiesOrEmpty());
        adminConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers());
        try (Admin admin = Admin.create(adminConfig)) {
            var existing = admin.listTopics().names().get(5, TimeUnit.SECONDS);
            List<NewTopic> missing = List.of(properties.breachesTopic(), properties.warningsTopic()).stream()
                    .filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, Optional.empty(), Optional.empty()))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(5, TimeUnit.SECONDS);
            }
            return Optional.empty();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "cannot create the alert topics now: " + e);
            return Optional.of(e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
            producer = null;
        }
    }
}
