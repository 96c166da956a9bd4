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
import java.util.Map;

/**
 * Health of deadline firing, for the whole cluster (the table is shared): DOWN while a deadline has been due for
 * longer than the tolerance without firing (no node polls it), while a deadline has failed to fire several times in a
 * row (each failure moves it a few seconds on, so it never looks held), or while this node's scheduler is not running.
 * The deadlines table is indexed on execution time; failing ones are few.
 */
@Component("deadlines")
public class DeadlineHealthIndicator implements HealthIndicator {

    /** A race with a command fails a deadline once or twice; more in a row means it cannot fire. */
    private static final int FAILING_AFTER = 3;

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
        Map<String, Object> counts = jdbc.queryForMap("SELECT count(*) FILTER (WHERE execution_time < ?) AS held, "
                + "min(execution_time) FILTER (WHERE execution_time < ?) AS oldest_held, "
                + "count(*) FILTER (WHERE consecutive_failures >= ?) AS failing FROM scheduled_tasks "
                + "WHERE execution_time < ? OR consecutive_failures >= ?", heldSince, heldSince, FAILING_AFTER, heldSince, FAILING_AFTER);
        long held = ((Number) counts.get("held")).longValue();
        long failing = ((Number) counts.get("failing")).longValue();
        boolean started = scheduler.getSchedulerState().isStarted() && !scheduler.getSchedulerState().isShuttingDown();
        Health.Builder health = held > 0 || failing > 0 || !started ? Health.down() : Health.up();
        health.withDetail("schedulerRunning", started).withDetail("heldDeadlines", held).withDetail("failingDeadlines", failing);
        if (counts.get("oldest_held") instanceof Timestamp oldest) {
            health.withDetail("oldestHeldFor", Duration.between(oldest.toInstant(), now).toString());
        }
        return health.build();
    }
}
