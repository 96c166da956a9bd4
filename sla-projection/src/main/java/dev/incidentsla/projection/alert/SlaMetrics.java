package dev.incidentsla.projection.alert;

import dev.incidentsla.projection.readmodel.SlaReadModel;
import dev.incidentsla.projection.schedule.AlertKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The projection's metrics, low-cardinality (no incident ids): pending SLAs by severity and program, alerts
 * produced, outbox backlog and age, and the alert latency (published minus the deadline).
 */
@Component
public class SlaMetrics {

    private final MeterRegistry registry;
    private final SlaReadModel readModel;
    private final AlertOutbox outbox;
    private final Clock clock;
    private final Map<AlertKind, Counter> produced = new EnumMap<>(AlertKind.class);
    private final Map<AlertKind, Timer> latency = new EnumMap<>(AlertKind.class);
    private final MultiGauge pending;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();

    public SlaMetrics(MeterRegistry registry, SlaReadModel readModel, AlertOutbox outbox, Clock clock) {
        this.registry = registry;
        this.readModel = readModel;
        this.outbox = outbox;
        this.clock = clock;
        for (AlertKind kind : AlertKind.values()) {
            String tag = kind.name().toLowerCase();
            produced.put(kind, Counter.builder("sla.alerts.produced").description("Alerts written to the outbox")
                    .tag("kind", tag).register(registry));
            latency.put(kind, Timer.builder("sla.alert.latency").description("Alert published instant minus its deadline")
                    .tag("kind", tag).publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofMinutes(10)).register(registry));
        }
        pending = MultiGauge.builder("sla.pending").description("Pending first-call-response SLAs").register(registry);
        Gauge.builder("sla.outbox.backlog", backlog, AtomicLong::get).description("Alerts not yet published").register(registry);
        Gauge.builder("sla.outbox.oldest.age", oldestAgeSeconds, AtomicLong::get).baseUnit("seconds")
                .description("Age of the oldest unpublished alert").register(registry);
    }

    void alertProduced(AlertKind kind) {
        produced.get(kind).increment();
    }

    void alertPublished(AlertKind kind, Instant deadline, Instant publishedAt) {
        Duration late = Duration.between(deadline, publishedAt);
        latency.get(kind).record(late.isNegative() ? Duration.ZERO : late);
    }

    @Scheduled(fixedDelayString = "PT5S", initialDelayString = "PT1S")
    public void refresh() {
        pending.register(readModel.pendingBySeverityAndProgram().entrySet().stream()
                .map(entry -> MultiGauge.Row.of(Tags.of("severity", entry.getKey().get(0), "program", entry.getKey().get(1)),
                        entry.getValue()))
                .toList(), true);
        backlog.set(outbox.backlog());
        oldestAgeSeconds.set(outbox.oldestUnsent().map(oldest -> Duration.between(oldest, clock.instant()).toSeconds()).orElse(0L));
    }
}
