package dev.incidentsla.projection.alert;

import dev.incidentsla.projection.ProjectionProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Health of alert delivery: DOWN while an alert has waited in the outbox longer than configured. */
@Component("alertDelivery")
public class OutboxHealthIndicator implements HealthIndicator {

    private final AlertOutbox outbox;
    private final OutboxRelay relay;
    private final Clock clock;
    private final Duration unhealthyAge;

    public OutboxHealthIndicator(AlertOutbox outbox, OutboxRelay relay, Clock clock, ProjectionProperties properties) {
        this.outbox = outbox;
        this.relay = relay;
        this.clock = clock;
        this.unhealthyAge = properties.unhealthyBacklogAge();
    }

    @Override
    public Health health() {
        long backlog = outbox.backlog();
        Optional<Instant> oldest = outbox.oldestUnsent();
        Duration age = oldest.map(instant -> Duration.between(instant, clock.instant())).orElse(Duration.ZERO);
        Health.Builder health = age.compareTo(unhealthyAge) > 0 ? Health.down() : Health.up();
        health.withDetail("backlog", backlog).withDetail("oldestUnsentAge", age.toString());
        if (relay.lastError() != null) {
            health.withDetail("lastPublishError", relay.lastError());
        }
        return health.build();
    }
}
