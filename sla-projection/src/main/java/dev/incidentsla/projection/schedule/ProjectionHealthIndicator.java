package dev.incidentsla.projection.schedule;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health of the projection itself: DOWN while its processor is stopped or failing, since alerts then wait for
 * it (an alert fires only once the projection has applied every event stored before it fell due).
 */
@Component("slaProjection")
public class ProjectionHealthIndicator implements HealthIndicator {

    private final ProcessorProgress progress;
    private final DeadlineSchedule schedule;

    public ProjectionHealthIndicator(ProcessorProgress progress, DeadlineSchedule schedule) {
        this.progress = progress;
        this.schedule = schedule;
    }

    @Override
    public Health health() {
        ProcessorProgress.State state = progress.state();
        Health.Builder health = state == ProcessorProgress.State.RUNNING ? Health.up() : Health.down();
        return health.withDetail("processor", state.name()).withDetail("scheduledAlerts", schedule.size()).build();
    }
}
