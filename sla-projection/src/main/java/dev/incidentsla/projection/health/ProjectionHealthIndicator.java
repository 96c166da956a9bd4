package dev.incidentsla.projection.health;

import dev.incidentsla.projection.settings.ProjectionProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Health of the event processors (the read model's and the alerts'). DOWN while one of them is stopped or in error
 * on this node, while a segment this node owns has not reached the event-store head as it stood
 * {@code sla-projection.lag-tolerance} ago (it lags: dashboards are stale, alerts late), and while a segment has no
 * live owner on any node (a failover in progress: its alerts are held until another node takes it over).
 */
@Component("slaProjection")
public class ProjectionHealthIndicator implements HealthIndicator {

    private final Processors processors;
    private final EventStoreHead head;
    private final TokenClaims claims;
    private final Clock clock;
    private final Duration lagTolerance;

    public ProjectionHealthIndicator(Processors processors, EventStoreHead head, TokenClaims claims, Clock clock,
                                     ProjectionProperties properties) {
        this.processors = processors;
        this.head = head;
        this.claims = claims;
        this.clock = clock;
        this.lagTolerance = properties.lagTolerance();
    }

    @Override
    public Health health() {
        Instant now = clock.instant();
        OptionalLong headThen = head.positionAsOf(now.minus(lagTolerance));
        boolean healthy = true;
        Map<String, Object> details = new LinkedHashMap<>();
        for (String name : Processors.NAMES) {
            Processors.State state = processors.state(name);
            Map<Integer, Long> owned = processors.ownedSegments(name);
            List<Integer> lagging = headThen.isEmpty() ? List.of()
                    : owned.entrySet().stream().filter(segment -> segment.getValue() < headThen.getAsLong()).map(Map.Entry::getKey).toList();
            List<Integer> withoutOwner = claims.withoutLiveOwner(name, now);
            healthy &= state == Processors.State.RUNNING && lagging.isEmpty() && withoutOwner.isEmpty();
            Map<String, Object> processor = new LinkedHashMap<>();
            processor.put("state", state.name());
            processor.put("ownedSegments", owned);
            processor.put("laggingSegments", lagging);
            processor.put("segmentsWithoutLiveOwner", withoutOwner);
            details.put(name, processor);
        }
        Health.Builder health = healthy ? Health.up() : Health.down();
        health.withDetail("processors", details).withDetail("lagTolerance", lagTolerance.toString());
        headThen.ifPresent(position -> health.withDetail("headPositionLagToleranceAgo", position));
        return health.build();
    }
}
