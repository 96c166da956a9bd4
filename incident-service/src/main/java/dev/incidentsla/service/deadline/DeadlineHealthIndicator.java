package dev.incidentsla.service.deadline;

import com.github.kagkarlsson.scheduler.Scheduler;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Health of deadline firing, for the whole cluster (the table is shared): DOWN while a deadline has been due for
 * longer than the tolerance without firing (no node polls, or every node fails to fire it), or while this node's
 * scheduler is not running.
 */
@Component("deadlines")
public class DeadlineHealthIndicator implements HealthIndicator {

    private final JdbcTemplate jdbc;
    private final Scheduler scheduler;
    private final Clock clock;
    private final Duration tolerance;

    public DeadlineHealthIndicator(JdbcTemplate jdbc, Scheduler scheduler, Clock clock, DeadlineSettings settings) {
        this.jdbc = jdbc;
        this.scheduler = scheduler;
        this.clock = clock;
        this.tolerance = settings.heldTolerance();
    }

    @Override
    public Health health() {
        Instant now = clock.instant();
        Timestamp heldSince = Timestamp.from(now.minus(tolerance));
        Long held = jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks WHERE execution_time < ?", Long.class, heldSince);
        Timestamp oldest = jdbc.queryForObject("SELECT min(execution_time) FROM scheduled_tasks WHERE execution_time < ?",
                Timestamp.class, heldSince);
        boolean started = scheduler.getSchedulerState().isStarted() && !scheduler.getSchedulerState().isShuttingDown();
        Health.Builder health = held != null && held > 0 || !started ? Health.down() : Health.up();
        health.withDetail("schedulerRunning", started).withDetail("heldDeadlines", held == null ? 0 : held);
        if (oldest != null) {
            health.withDetail("oldestHeldFor", Duration.between(oldest.toInstant(), now).toString());
        }
        return health.build();
    }
}
