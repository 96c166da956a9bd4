package dev.incidentsla.service.deadline;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.scheduling.TaskScheduler;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ScheduledFuture;

/**
 * Wakes this node's db-scheduler at the instant a deadline falls due, so that it fires then rather than at the next
 * poll (up to a poll interval later). Every node arms a wake-up for every deadline due within the look-ahead: those it
 * schedules itself at once, and every other one when it reads the table ahead, so that whichever node is alive wakes
 * and the first to lock the row fires it. The polls stay as the floor under all of this: a wake-up missed (a deadline
 * scheduled on another node and due sooner than the next read ahead) is found by the next poll.
 */
class DeadlineWakeups extends AbstractSchedulerListener {

    private static final System.Logger LOG = System.getLogger(DeadlineWakeups.class.getName());

    /**
     * After the row's execution time: db-scheduler compares execution times with its clock's millisecond, and a
     * wake-up a fraction early would find the row not yet due.
     */
    private static final Duration AFTER_DUE = Duration.ofMillis(1);

    private final Scheduler scheduler;
    private final TaskScheduler wakeups;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration lookAhead;
    private final NavigableSet<Long> armed = new ConcurrentSkipListSet<>();
    private volatile ScheduledFuture<?> readingAhead;

    DeadlineWakeups(Scheduler scheduler, TaskScheduler wakeups, JdbcTemplate jdbc, Clock clock, Duration lookAhead) {
        this.scheduler = scheduler;
        this.wakeups = wakeups;
        this.jdbc = jdbc;
        this.clock = clock;
        this.lookAhead = lookAhead;
    }

    /** Reads the table ahead twice per look-ahead, so that consecutive reads overlap. */
    void start() {
        readingAhead = wakeups.scheduleWithFixedDelay(this::readAhead, lookAhead.dividedBy(2));
    }

    void stop() {
        ScheduledFuture<?> current = readingAhead;
        if (current != null) {
            current.cancel(false);
        }
    }

    /**
     * A deadline this node schedules. The row is written in the command's transaction, so the wake-up is armed once
     * it committed: db-scheduler's own immediate check for a deadline already due runs before the commit and finds
     * nothing, which left such a deadline (a warning already due at the open) to the next poll.
     */
    @Override
    public void onExecutionScheduled(TaskInstanceId taskInstanceId, Instant executionTime) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> wakeFor(executionTime));
        } else {
            wakeFor(executionTime);
        }
    }

    private void wakeFor(Instant executionTime) {
        Instant now = clock.instant();
        if (executionTime.isAfter(now)) {
            arm(executionTime, now);
        } else {
            scheduler.triggerCheckForDueExecutions();
        }
    }

    void readAhead() {
        Instant now = clock.instant();
        try {
            jdbc.query("SELECT DISTINCT execution_time FROM scheduled_tasks WHERE picked = false "
                            + "AND execution_time > ? AND execution_time <= ?",
                    (RowCallbackHandler) rs -> arm(rs.getTimestamp(1).toInstant(), now),
                    Timestamp.from(now), Timestamp.from(now.plus(lookAhead)));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not read the deadlines due soon; the polls still find them: " + e);
        }
    }

    private void arm(Instant executionTime, Instant now) {
        if (!executionTime.isAfter(now) || executionTime.isAfter(now.plus(lookAhead))) {
            return;
        }
        long wakeAt = executionTime.plus(AFTER_DUE).plusNanos(999_999).toEpochMilli();
        if (armed.add(wakeAt)) {
            wakeups.schedule(() -> wake(wakeAt), Instant.ofEpochMilli(wakeAt));
        }
    }

    private void wake(long wakeAt) {
        armed.remove(wakeAt);
        scheduler.triggerCheckForDueExecutions();
    }
}
