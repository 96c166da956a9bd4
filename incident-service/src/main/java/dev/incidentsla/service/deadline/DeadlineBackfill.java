package dev.incidentsla.service.deadline;

import dev.incidentsla.api.incident.FirstResponseBreached;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.api.incident.IncidentOpened;
import dev.incidentsla.api.incident.ResumeDeadlines;
import dev.incidentsla.service.CommandSender;
import dev.incidentsla.service.RequestContext;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Brings history stored before deadlines were the incident's own facts forward, once per database: every
 * incident with no recorded breach is asked to schedule what may still be recorded ({@link ResumeDeadlines}; the
 * incident decides, most have nothing to do). One whose deadline passed meanwhile records its breach at once, with
 * the true detection instant, and so does one that a late response or close breached while the alert had not gone
 * out. It runs in the background after start, on one node at a time (a PostgreSQL advisory lock), and marks itself
 * done in {@code deadline_backfill} once every incident was brought forward; a node killed half-way, or an incident
 * that failed, leaves it to the next start, and resuming twice is harmless (a deadline that fires twice records its
 * fact once).
 */
@Component
public class DeadlineBackfill {

    static final String NAME = "first-response";
    private static final long ADVISORY_LOCK = 7_000_001L;
    private static final String INCIDENT_PREFIX = "incident:";
    private static final System.Logger LOG = System.getLogger(DeadlineBackfill.class.getName());

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final CommandSender commands;
    private final TaskExecutor executor;
    private final Clock clock;

    public DeadlineBackfill(DataSource dataSource, JdbcTemplate jdbc, CommandSender commands, TaskExecutor executor,
                            Clock clock) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.commands = commands;
        this.executor = executor;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startInBackground() {
        if (!isDone()) {
            executor.execute(this::runOnce);
        }
    }

    /** Brings the history forward unless it was done or another node is doing it; returns the incidents resumed, or -1. */
    public long runOnce() {
        try (Connection lockHolder = dataSource.getConnection()) {
            JdbcTemplate locking = new JdbcTemplate(new SingleConnectionDataSource(lockHolder, true));
            if (!Boolean.TRUE.equals(locking.queryForObject("SELECT pg_try_advisory_lock(?)", Boolean.class, ADVISORY_LOCK))) {
                LOG.log(System.Logger.Level.INFO, "another node is bringing deadlines forward");
                return -1;
            }
            try {
                return isDone() ? -1 : resumeAll();
            } finally {
                locking.queryForObject("SELECT pg_advisory_unlock(?)", Boolean.class, ADVISORY_LOCK);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "bringing deadlines forward failed; the next start tries again: " + e);
            return -1;
        }
    }

    private boolean isDone() {
        return !jdbc.queryForList("SELECT name FROM deadline_backfill WHERE name = ?", String.class, NAME).isEmpty();
    }

    private long resumeAll() {
        List<String> candidates = jdbc.queryForList("SELECT opened.aggregate_identifier FROM domain_event_entry opened "
                        + "WHERE opened.payload_type = ? AND NOT EXISTS (SELECT 1 FROM domain_event_entry fact "
                        + "WHERE fact.aggregate_identifier = opened.aggregate_identifier AND fact.payload_type = ?) "
                        + "ORDER BY opened.global_index", String.class,
                IncidentOpened.class.getName(), FirstResponseBreached.class.getName());
        RequestContext context = new RequestContext("system:deadline-backfill", UUID.randomUUID().toString());
        LOG.log(System.Logger.Level.INFO, "bringing the deadlines of " + candidates.size() + " stored incidents forward");
        long failed = 0;
        for (String aggregateIdentifier : candidates) {
            try {
                commands.send(new ResumeDeadlines(new IncidentId(aggregateIdentifier.substring(INCIDENT_PREFIX.length()))), context);
            } catch (RuntimeException e) {
                failed++;
                LOG.log(System.Logger.Level.WARNING, "could not bring " + aggregateIdentifier + " forward: " + e);
            }
        }
        if (failed > 0) {
            LOG.log(System.Logger.Level.WARNING, failed + " of " + candidates.size()
                    + " stored incidents could not be brought forward; the next start tries them again");
            return candidates.size() - failed;
        }
        jdbc.update("INSERT INTO deadline_backfill (name, completed_at, incidents) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                NAME, Timestamp.from(clock.instant()), candidates.size());
        LOG.log(System.Logger.Level.INFO, "deadlines of " + candidates.size() + " stored incidents brought forward");
        return candidates.size();
    }
}
