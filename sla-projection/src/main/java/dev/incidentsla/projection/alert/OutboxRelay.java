package dev.incidentsla.projection.alert;

import dev.incidentsla.projection.ProjectionProperties;
import dev.incidentsla.projection.schedule.AlertKind;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes the outbox to Kafka and marks what the broker acknowledged. While Kafka is down alerts wait in the
 * outbox and the relay keeps trying, backing off up to ten seconds; nothing is lost.
 */
@Component
public class OutboxRelay implements SmartLifecycle {

    private static final System.Logger LOG = System.getLogger(OutboxRelay.class.getName());
    private static final Duration IDLE_WAIT = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final AlertOutbox outbox;
    private final AlertPublisher publisher;
    private final SlaMetrics metrics;
    private final Clock clock;
    private final int batchSize;
    private final Object signal = new Object();
    private volatile boolean running;
    private volatile String lastError;
    private Thread thread;
    private boolean woken;

    public OutboxRelay(AlertOutbox outbox, AlertPublisher publisher, SlaMetrics metrics, Clock clock, ProjectionProperties properties) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
        this.batchSize = properties.relayBatchSize();
    }

    /** New alerts are committed: publish now rather than at the next poll. */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /** The last publishing failure, or null once publishing works again. */
    public String lastError() {
        return lastError;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "sla-outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        wake();
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        publisher.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        publisher.ensureTopics();
        Duration backoff = Duration.ZERO;
        while (running) {
            try {
                List<AlertOutbox.Alert> alerts = outbox.unsent(batchSize);
                if (alerts.isEmpty()) {
                    await(IDLE_WAIT);
                    continue;
                }
                if (publish(alerts)) {
                    backoff = Duration.ZERO;
                } else {
                    backoff = backoff.isZero() ? Duration.ofMillis(500) : min(backoff.multipliedBy(2), MAX_BACKOFF);
                    await(backoff);
                }
            } catch (RuntimeException e) {
                lastError = e.toString();
                LOG.log(System.Logger.Level.WARNING, "outbox relay round failed: " + e);
                await(MAX_BACKOFF);
            }
        }
    }

    /** Sends a batch and marks what was acknowledged; returns false if anything failed. */
    private boolean publish(List<AlertOutbox.Alert> alerts) {
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        boolean allSent = true;
        for (AlertOutbox.Alert alert : alerts) {
            try {
                sends.add(publisher.send(alert));
            } catch (RuntimeException e) {
                lastError = e.toString();
                allSent = false;
                break;
            }
        }
        for (int i = 0; i < sends.size(); i++) {
            AlertOutbox.Alert alert = alerts.get(i);
            try {
                sends.get(i).get(30, TimeUnit.SECONDS);
                var publishedAt = clock.instant();
                outbox.markSent(alert.alertId(), publishedAt);
                metrics.alertPublished(AlertKind.valueOf(alert.kind()), alert.deadline(), publishedAt);
            } catch (ExecutionException | TimeoutException e) {
                lastError = e.getCause() == null ? e.toString() : e.getCause().toString();
                allSent = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        if (allSent) {
            lastError = null;
        } else {
            LOG.log(System.Logger.Level.WARNING, "alerts wait in the outbox, Kafka refused them: " + lastError);
        }
        return allSent;
    }

    private void await(Duration duration) {
        synchronized (signal) {
            if (!woken && running) {
                try {
                    signal.wait(duration.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            woken = false;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
