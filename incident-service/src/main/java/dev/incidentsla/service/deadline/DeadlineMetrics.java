package dev.incidentsla.service.deadline;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Deadline firing as metrics, for the whole cluster (the table is shared, so every node reports the same values),
 * read every 2 s from the {@code execution_time} index rather than at each scrape, so that a scrape never waits for
 * the database:
 * <ul>
 * <li>{@code incident_sla_deadlines_held}: deadlines due longer than {@code incident-sla.deadlines.held-tolerance}
 * ago that no node is firing (as health {@code deadlines} counts them, less those a live node is firing);</li>
 * <li>{@code incident_sla_deadlines_overdue_seconds}: how long the oldest deadline that fell due and no live node is
 * firing had been due when last read (0 when none).</li>
 * </ul>
 * A deadline a node has picked and still heartbeats for is being fired: leaving it out keeps a back-dated incident's
 * deadline, due long ago and fired as soon as it is written, from showing as held for the moment that takes. One whose
 * heartbeat stopped for the missed heartbeats (its node died, or cannot fire it) counts.
 * Values stay as last read while the database cannot be read.
 */
@Component
public class DeadlineMetrics {

    private static final System.Logger LOG = System.getLogger(DeadlineMetrics.class.getName());

    private record Reading(long held, double overdueSeconds) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration heldTolerance;
    private final Duration deadAfter;
    private final AtomicReference<Reading> last = new AtomicReference<>(new Reading(0, 0));

    public DeadlineMetrics(JdbcTemplate jdbc, Clock clock, DeadlineSettings settings, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.heldTolerance = settings.heldTolerance();
        this.deadAfter = settings.heartbeatInterval().multipliedBy(settings.missedHeartbeats());
        Gauge.builder("incident.sla.deadlines.held", last, reading -> reading.get().held())
                .description("Deadlines due longer than the held tolerance ago that no node is firing (whole cluster)")
                .register(registry);
        Gauge.builder("incident.sla.deadlines.overdue", last, reading -> reading.get().overdueSeconds()).baseUnit("seconds")
                .description("How long the oldest deadline that fell due and no node is firing has been due (whole cluster)")
                .register(registry);
    }

    @Scheduled(fixedDelay = 2_000, initialDelay = 1_000)
    public void refresh() {
        Instant now = clock.instant();
        try {
            Map<String, Object> row = jdbc.queryForMap("SELECT count(*) FILTER (WHERE execution_time < ?) AS held, "
                    + "min(execution_time) AS oldest_due FROM scheduled_tasks WHERE execution_time <= ? "
                    + "AND (NOT picked OR last_heartbeat IS NULL OR last_heartbeat < ?)",
                    Timestamp.from(now.minus(heldTolerance)), Timestamp.from(now), Timestamp.from(now.minus(deadAfter)));
            double overdue = row.get("oldest_due") instanceof Timestamp oldest
                    ? Math.max(0, Duration.between(oldest.toInstant(), now).toMillis() / 1e3) : 0;
            last.set(new Reading(((Number) row.get("held")).longValue(), overdue));
        } catch (RuntimeException databaseAway) {
            LOG.log(System.Logger.Level.DEBUG, "deadline metrics not refreshed: " + databaseAway);
        }
    }
}
