package dev.incidentsla.service.deadline;

import dev.incidentsla.api.incident.FirstResponseBreached;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.api.incident.IncidentOpened;
import dev.incidentsla.api.incident.ResumeDeadlines;
import dev.incidentsla.service.CommandSender;
import dev.incidentsla.service.RequestContext;
import org.springframework.beans.factory.annotation.Autowired;
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
    /** Incidents read per query: a store of a million incidents is brought forward in constant memory. */
    private static final int PAGE = 1_000;

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final CommandSender commands;
    private final TaskExecutor executor;
    private final Clock clock;
    private final int page;

    @Autowired
    public DeadlineBackfill(DataSource dataSource, JdbcTemplate jdbc, CommandSender commands, TaskExecutor executor,
                            Clock clock) {
        this(dataSource, jdbc, commands, executor, clock, PAGE);
    }

    DeadlineBackfill(DataSource dataSource, JdbcTemplate jdbc, CommandSender commands, TaskExecutor executor, Clock clock,
                     int page) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.commands = commands;
        this.executor = executor;
        this.clock = clock;
        this.page = page;
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

    /**
     * Page by page in storage order, up to the head of the store as it stood at the start (incidents opened meanwhile
     * schedule their own deadlines), so that neither this node's heap nor the query's result grows with the history.
     */
    private long resumeAll() {
        Long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        RequestContext context = new RequestContext("system:deadline-backfill", UUID.randomUUID().toString());
        LOG.log(System.Logger.Level.INFO, "bringing the deadlines of stored incidents forward");
        long candidates = 0;
        long failed = 0;
        long after = -1;
        while (head != null && after < head) {
            List<Candidate> candidatesOfPage = jdbc.query("SELECT opened.global_index, opened.aggregate_identifier "
                            + "FROM domain_event_entry opened WHERE opened.global_index > ? AND opened.global_index <= ? "
                            + "AND opened.payload_type = ? AND NOT EXISTS (SELECT 1 FROM domain_event_entry fact "
                            + "WHERE fact.aggregate_identifier = opened.aggregate_identifier AND fact.payload_type = ?) "
                            + "ORDER BY opened.global_index LIMIT ?",
                    (rs, n) -> new Candidate(rs.getLong(1), rs.getString(2)), after, head,
                    IncidentOpened.class.getName(), FirstResponseBreached.class.getName(), page);
            if (candidatesOfPage.isEmpty()) {
                break;
            }
            for (Candidate candidate : candidatesOfPage) {
                try {
                    commands.send(new ResumeDeadlines(new IncidentId(
                            candidate.aggregateIdentifier().substring(INCIDENT_PREFIX.length()))), context);
                } catch (RuntimeException e) {
                    failed++;
                    LOG.log(System.Logger.Level.WARNING, "could not bring " + candidate.aggregateIdentifier() + " forward: " + e);
                }
            }
            candidates += candidatesOfPage.size();
            after = candidatesOfPage.get(candidatesOfPage.size() - 1).globalIndex();
        }
        if (failed > 0) {
            LOG.log(System.Logger.Level.WARNING, failed + " of " + candidates
                    + " stored incidents could not be brought forward; the next start tries them again");
            return candidates - failed;
        }
        jdbc.update("INSERT INTO deadline_backfill (name, completed_at, incidents) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                NAME, Timestamp.from(clock.instant()), candidates);
        LOG.log(System.Logger.Level.INFO, "deadlines of " + candidates + " stored incidents brought forward");
        return candidates;
    }

    private record Candidate(long globalIndex, String aggregateIdentifier) {
    }
}
