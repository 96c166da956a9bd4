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
 * from the read model on start. A due entry waits until the projection has caught up with the event store
 * (a response may be on its way), but never longer than {@link #CATCH_UP_GRACE} past its instant.
 */
@Component
public class DeadlineWatcher implements SmartLifecycle {

    static final Duration CATCH_UP_GRACE = Duration.ofSeconds(2);
    private static final Duration CATCH_UP_RETRY = Duration.ofMillis(20);
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
        readModel.awaitingAlerts().forEach(row -> row.alertsToSchedule().forEach(schedule::put));
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

    private void fireDue() {
        Instant now = clock.instant();
        List<DeadlineSchedule.Entry> due = schedule.takeDue(now);
        if (due.isEmpty()) {
            return;
        }
        boolean caughtUp = progress.caughtUp();
        for (DeadlineSchedule.Entry entry : due) {
            if (caughtUp || Duration.between(entry.firesAt(), now).compareTo(CATCH_UP_GRACE) > 0) {
                try {
                    alerts.fire(entry, clock.instant());
                } catch (RuntimeException e) {
                    schedule.restore(List.of(entry));
                    throw e;
                }
            } else {
                schedule.restore(List.of(entry));
            }
        }
        if (!caughtUp) {
            sleep(CATCH_UP_RETRY);
        }
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
