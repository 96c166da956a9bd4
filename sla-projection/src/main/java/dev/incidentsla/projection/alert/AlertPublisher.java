package dev.incidentsla.projection.alert;

import dev.incidentsla.projection.settings.ProjectionProperties;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventSerializationException;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventSerializer;
import io.cloudevents.rw.CloudEventRWException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends alerts with {@code kafka-clients} and waits for the broker's acknowledgement: acks=all and idempotence on,
 * key = incident id, the CloudEvent in structured mode (JSON format, {@code content-type:
 * application/cloudevents+json}). Security settings come from {@code sla-projection.kafka.properties}.
 */
@Component
public class AlertPublisher implements DisposableBean {

    /** Beyond the producer's own delivery timeout, after which it fails the send itself. */
    private static final Duration ACK_WAIT_MARGIN = Duration.ofSeconds(5);

    private final Map<String, Object> config;
    private final Duration ackWait;
    private final Clock clock;
    private final Object producerLock = new Object();
    private final Map<String, Instant> lastAcknowledgedByTopic = new ConcurrentHashMap<>();
    private volatile KafkaProducer<String, CloudEvent> producer;
    private volatile String lastPublishError;
    private volatile Instant lastPublishErrorAt;
    private volatile Instant lastPublishedAt;

    public AlertPublisher(ProjectionProperties properties, Clock clock) {
        this.clock = clock;
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
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class.getName());
        config.put(CloudEventSerializer.ENCODING_CONFIG, Encoding.STRUCTURED.name());
        config.put(CloudEventSerializer.EVENT_FORMAT_CONFIG, JsonFormat.CONTENT_TYPE);
        this.config = Map.copyOf(config);
        long deliveryTimeoutMillis = Long.parseLong(String.valueOf(config.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)));
        long maxBlockMillis = Long.parseLong(String.valueOf(config.get(ProducerConfig.MAX_BLOCK_MS_CONFIG)));
        this.ackWait = Duration.ofMillis(deliveryTimeoutMillis + maxBlockMillis).plus(ACK_WAIT_MARGIN);
    }

    /** The producer's configuration, as given to {@code kafka-clients}. */
    Map<String, Object> producerConfig() {
        return config;
    }

    /** An alert handed to the producer, whose acknowledgement {@link #awaitAcknowledgement} waits for. */
    public record Sent(Alert alert, CompletableFuture<Instant> acknowledgement) {
    }

    /**
     * Hands the alert to the producer without waiting for the broker, so that the alerts of a batch travel together
     * and their acknowledgements are awaited once ({@link #awaitAcknowledgement}).
     *
     * @throws AlertNotAcknowledgedException when the producer cannot take it now: sending again may work
     * @throws UnpublishableAlertException   when Kafka refuses this record for what it is
     */
    public Sent send(Alert alert) {
        ProducerRecord<String, CloudEvent> record = new ProducerRecord<>(alert.topic(), alert.key(), alert.event());
        CompletableFuture<Instant> acknowledgement = new CompletableFuture<>();
        try {
            producer().send(record, (metadata, exception) -> {
                if (exception == null) {
                    acknowledgement.complete(clock.instant());
                } else {
                    acknowledgement.completeExceptionally(exception);
                }
            });
        } catch (RuntimeException e) {
            throw failure(alert, e);
        }
        return new Sent(alert, acknowledgement);
    }

    /**
     * Returns when the broker acknowledged the alert, with the instant it did.
     *
     * @throws AlertNotAcknowledgedException when Kafka did not acknowledge it: sending again may work
     * @throws UnpublishableAlertException   when Kafka refuses this record for what it is
     */
    public Instant awaitAcknowledgement(Sent sent) {
        Instant acknowledgedAt;
        try {
            acknowledgedAt = sent.acknowledgement().get(ackWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure(sent.alert(), e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            throw failure(sent.alert(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(sent.alert(), e);
        }
        lastPublishedAt = acknowledgedAt;
        lastAcknowledgedByTopic.put(sent.alert().topic(), acknowledgedAt);
        lastPublishError = null;
        return acknowledgedAt;
    }

    private RuntimeException failure(Alert alert, Throwable cause) {
        if (cause instanceof SerializationException || cause instanceof EventSerializationException
                || cause instanceof CloudEventRWException || cause instanceof RecordTooLargeException) {
            return new UnpublishableAlertException("Kafka refuses alert " + alert.id() + ": " + cause, cause);
        }
        lastPublishError = cause.toString();
        lastPublishErrorAt = clock.instant();
        return new AlertNotAcknowledgedException(alert.id(), cause);
    }

    /** The last failure to get an alert acknowledged, or null once one was acknowledged since. */
    public String lastPublishError() {
        return lastPublishError;
    }

    /** When {@link #lastPublishError()} happened, or null. */
    public Instant lastPublishErrorAt() {
        return lastPublishErrorAt;
    }

    public Instant lastPublishedAt() {
        return lastPublishedAt;
    }

    /** When the broker last acknowledged an alert to this topic from this node, if it ever did. */
    public Optional<Instant> lastAcknowledgedOn(String topic) {
        return Optional.ofNullable(lastAcknowledgedByTopic.get(topic));
    }

    private KafkaProducer<String, CloudEvent> producer() {
        KafkaProducer<String, CloudEvent> current = producer;
        if (current != null) {
            return current;
        }
        synchronized (producerLock) {
            if (producer == null) {
                producer = new KafkaProducer<>(config);
            }
            return producer;
        }
    }

    @Override
    public void destroy() {
        synchronized (producerLock) {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
                producer = null;
            }
        }
    }
}
