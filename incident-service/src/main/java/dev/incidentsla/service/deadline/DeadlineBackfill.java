package dev.incidentsla.service.deadline;

import dev.incidentsla.api.incident.FirstResponseRecorded;
import dev.incidentsla.api.incident.IncidentClosed;
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
import java.util.List;
import java.util.UUID;

/**
 * Brings history stored before deadlines were the incident's own facts forward, once per database: every
 * incident that was neither answered nor closed is asked to schedule its deadlines again ({@link ResumeDeadlines});
 * one whose deadline passed meanwhile records its breach at once, with the true detection instant. It runs in
 * the background after start, on one node at a time (a PostgreSQL advisory lock), and marks itself done in
 * {@code deadline_backfill}; a node killed half-way leaves it to the next start, and resuming twice is harmless
 * (a deadline that fires twice records its fact once).
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

    public DeadlineBackfill(DataSource dataSource, JdbcTemplate jdbc, CommandSender commands, TaskExecutor executor) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.commands = commands;
        this.executor = executor;
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
        List<String> unanswered = jdbc.queryForList("SELECT opened.aggregate_identifier FROM domain_event_entry opened "
                        + "WHERE opened.payload_type = ? AND NOT EXISTS (SELECT 1 FROM domain_event_entry later "
                        + "WHERE later.aggregate_identifier = opened.aggregate_identifier AND later.payload_type IN (?, ?)) "
                        + "ORDER BY opened.global_index", String.class,
                IncidentOpened.class.getName(), FirstResponseRecorded.class.getName(), IncidentClosed.class.getName());
        RequestContext context = new RequestContext("system:deadline-backfill", UUID.randomUUID().toString());
        LOG.log(System.Logger.Level.INFO, "bringing the deadlines of " + unanswered.size() + " stored incidents forward");
        for (String aggregateIdentifier : unanswered) {
            commands.send(new ResumeDeadlines(new IncidentId(aggregateIdentifier.substring(INCIDENT_PREFIX.length()))), context);
        }
        jdbc.update("INSERT INTO deadline_backfill (name, completed_at, incidents) VALUES (?, now(), ?) ON CONFLICT DO NOTHING",
                NAME, unanswered.size());
        LOG.log(System.Logger.Level.INFO, "deadlines of " + unanswered.size() + " stored incidents brought forward");
        return unanswered.size();
    }
}
