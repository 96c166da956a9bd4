package dev.incidentsla.projection.alert;

import dev.incidentsla.projection.failure.PoisonedEvents;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Health of alert delivery from this node: DOWN as soon as the probe cannot reach Kafka, while an alert topic cannot
 * take alerts (detail {@code topics}: each topic's status, and for one that cannot, what to do), or while the last
 * alert sent was not acknowledged and no probe has reached Kafka since. A topic this principal may not describe counts
 * as taking alerts once one to it was acknowledged: that write proves it exists and is writable, whatever the
 * describe refusal suggests. Events skipped as poisoned are reported here too (they do not make it DOWN: the other
 * alerts flow).
 */
@Component("alertDelivery")
public class AlertDeliveryHealthIndicator implements HealthIndicator {

    private final KafkaReachability kafka;
    private final AlertPublisher publisher;
    private final PoisonedEvents poisoned;

    public AlertDeliveryHealthIndicator(KafkaReachability kafka, AlertPublisher publisher, PoisonedEvents poisoned) {
        this.kafka = kafka;
        this.publisher = publisher;
        this.poisoned = poisoned;
    }

    @Override
    public Health health() {
        Optional<KafkaReachability.Probe> probe = kafka.last();
        String publishError = publisher.lastPublishError();
        Instant publishErrorAt = publisher.lastPublishErrorAt();
        boolean publishFailingNow = publishError != null
                && (probe.isEmpty() || publishErrorAt == null || !probe.get().at().isAfter(publishErrorAt));
        Map<String, String> topics = new LinkedHashMap<>();
        boolean topicsTakeAlerts = true;
        for (AlertTopicStatus status : kafka.topics().values()) {
            Optional<Instant> acknowledged = publisher.lastAcknowledgedOn(status.topic());
            boolean provenByWrite = status.state() == AlertTopicStatus.State.NOT_DESCRIBABLE && acknowledged.isPresent();
            topicsTakeAlerts &= status.state() == AlertTopicStatus.State.EXISTS || provenByWrite;
            topics.put(status.topic(), provenByWrite
                    ? "takes alerts (one was acknowledged at " + acknowledged.get() + "), though " + status.message()
                    : status.message());
        }
        Health.Builder health;
        if (publishFailingNow || probe.isPresent() && !probe.get().reachable() || !topicsTakeAlerts) {
            health = Health.down();
        } else {
            health = probe.isPresent() ? Health.up() : Health.unknown();
        }
        probe.ifPresent(last -> {
            health.withDetail("reachable", last.reachable()).withDetail("probedAt", last.at().toString());
            if (last.error() != null) {
                health.withDetail("probeError", last.error());
            }
        });
        if (!topics.isEmpty()) {
            health.withDetail("topics", topics);
        }
        if (publishError != null) {
            health.withDetail("lastPublishError", publishError);
        }
        if (publisher.lastPublishedAt() != null) {
            health.withDetail("lastPublishedAt", publisher.lastPublishedAt().toString());
        }
        health.withDetail("poisoned", poisoned.total()).withDetail("poisonedByProcessingGroup", poisoned.counts());
        poisoned.last().ifPresent(last -> health.withDetail("lastPoisoned", Map.of(
                "processingGroup", last.processingGroup(), "eventId", last.eventId(), "eventType", last.eventType(),
                "reason", last.reason(), "at", last.at().toString())));
        return health.build();
    }
}
