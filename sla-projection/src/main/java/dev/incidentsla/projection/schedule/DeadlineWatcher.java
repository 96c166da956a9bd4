package dev.incidentsla.projection.schedule;

import dev.incidentsla.projection.alert.AlertService;
import dev.incidentsla.projection.readmodel.SlaReadModel;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Fires at-risk warnings and breaches at their instant, not on a polling period. The schedule is rebuilt
 * from the read model on start. Due entries fire only once the projection has applied every event stored
 * when they fell due, so that a response stored before a deadline is always seen first; the head is taken
 * once per round, so steady traffic cannot starve them.
 */
@Component
public class DeadlineWatcher implements SmartLifecycle {

    private static final Duration CATCH_UP_WAIT = Duration.ofSeconds(5);
    private static final Duration CATCH_UP_RETRY = Duration.ofMillis(10);
    private static final Duration MAX_SLEEP = Duration.ofSeconds(1);
    private static final System.Logger LOG = System.getLogger(DeadlineWatcher.class.getName());

    private final DeadlineSchedule schedule;
    private final SlaReadModel readModel;
    private final AlertService alerts;
    private final ProcessorProgress progress;
    private final Clock clock;
    private volatile boolean running;
    private Thread thread;

    public DeadlineWatcher(DeadlineSchedule schedule, SlaReadModel readModel, AlertService alerts, ProcessorProgress progress,
                           Clock clock) {
        this.schedule = schedule;
        this.readModel = readModel;
        this.alerts = alerts;
        this.progress = progress;
        this.clock = clock;
    }

    @Override
    public void start() {
        readModel.awaitingAlerts().forEach(row -> schedule.restore(row.alertsToSchedule()));
        running = true;
        thread = new Thread(this::run, "sla-deadline-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    private void run() {
        while (running) {
            try {
                schedule.awaitChange(clock.instant(), MAX_SLEEP);
                fireDue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "deadline round failed, retrying: " + e);
                sleep(MAX_SLEEP);
            }
        }
    }

    void fireDue() {
        List<DeadlineSchedule.Entry> due = schedule.takeDue(clock.instant());
        if (due.isEmpty()) {
            return;
        }
        int handled = 0;
        try {
            if (!awaitProjectionAt(progress.headPosition())) {
                LOG.log(System.Logger.Level.WARNING, due.size() + " alerts wait: the projection is behind the event store");
                return;
            }
            for (DeadlineSchedule.Entry entry : due) {
                alerts.fire(entry, clock.instant());
                handled++;
            }
        } finally {
            schedule.restore(due.subList(handled, due.size()));
        }
    }

    private boolean awaitProjectionAt(long head) {
        Instant giveUp = clock.instant().plus(CATCH_UP_WAIT);
        while (!progress.reached(head)) {
            if (!running || clock.instant().isAfter(giveUp)) {
                return false;
            }
            sleep(CATCH_UP_RETRY);
        }
        return true;
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
