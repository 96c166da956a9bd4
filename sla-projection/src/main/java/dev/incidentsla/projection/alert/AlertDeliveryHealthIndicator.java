package dev.incidentsla.projection.alert;

import dev.incidentsla.projection.failure.PoisonedEvents;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Health of alert delivery from this node: DOWN as soon as the probe cannot reach Kafka, or while the last alert
 * sent was not acknowledged and no probe has reached Kafka since. Events skipped as poisoned are reported here too (they do not make it DOWN: the
 * other alerts flow).
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
        Health.Builder health;
        if (publishFailingNow || probe.isPresent() && !probe.get().reachable()) {
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
