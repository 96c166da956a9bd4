package dev.incidentsla.projection.alert;

import dev.incidentsla.projection.readmodel.SlaOutcomeMetrics;
import dev.incidentsla.projection.readmodel.SlaReadModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The projection's metrics, low-cardinality (no incident ids): pending SLAs by severity and program with the earliest
 * deadline among them, alerts published, and the alert latency (broker acknowledgement minus the deadline the alert
 * is about). The pending figures come from the shared read model, so every node reports the same values.
 */
@Component
public class SlaMetrics {

    /** The longest a Micrometer timer can take: it records nanoseconds in a long. */
    static final Duration LONGEST_RECORDABLE = Duration.ofNanos(Long.MAX_VALUE);
    private static final System.Logger LOG = System.getLogger(SlaMetrics.class.getName());

    private final SlaReadModel readModel;
    private final SlaOutcomeMetrics outcomes;
    private final Map<AlertKind, Counter> published = new EnumMap<>(AlertKind.class);
    private final Map<AlertKind, Timer> latency = new EnumMap<>(AlertKind.class);
    private final MultiGauge pending;
    private final MultiGauge earliestDue;

    public SlaMetrics(MeterRegistry registry, SlaReadModel readModel, SlaOutcomeMetrics outcomes) {
        this.readModel = readModel;
        this.outcomes = outcomes;
        for (AlertKind kind : AlertKind.values()) {
            published.put(kind, Counter.builder("sla.alerts.published").description("Alerts the broker acknowledged")
                    .tag("kind", kind.tag()).register(registry));
            latency.put(kind, Timer.builder("sla.alert.latency")
                    .description("Broker acknowledgement instant minus the alert's deadline (at-risk or due instant)")
                    .tag("kind", kind.tag()).publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofMinutes(10)).register(registry));
        }
        pending = MultiGauge.builder("sla.pending").description("Pending first-call-response SLAs").register(registry);
        earliestDue = MultiGauge.builder("sla.pending.earliest.due.timestamp").baseUnit("seconds")
                .description("The earliest deadline of the pending SLAs (Unix time): minus now, the time to the next breach")
                .register(registry);
    }

    /** Never throws: an alert is delivered whatever its metrics make of it. */
    public void alertPublished(AlertKind kind, Instant deadline, Instant acknowledgedAt) {
        try {
            published.get(kind).increment();
            latency.get(kind).record(latency(deadline, acknowledgedAt));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "alert metrics not recorded: " + e);
        }
    }

    /**
     * Clamped to what a timer can record: an alert acknowledged before its deadline counts as zero, and one about a
     * deadline centuries ago (a year-0001 import) as the longest recordable, where {@code Duration.toNanos} would
     * overflow.
     */
    static Duration latency(Instant deadline, Instant acknowledgedAt) {
        if (deadline == null || acknowledgedAt == null || !acknowledgedAt.isAfter(deadline)) {
            return Duration.ZERO;
        }
        Duration late = Duration.between(deadline, acknowledgedAt);
        return late.compareTo(LONGEST_RECORDABLE) > 0 ? LONGEST_RECORDABLE : late;
    }

    @Scheduled(fixedDelayString = "PT5S", initialDelayString = "PT1S")
    public void refresh() {
        List<SlaReadModel.PendingGroup> groups = readModel.pendingBySeverityAndProgram();
        groups.forEach(group -> outcomes.expect(group.severity(), group.program()));
        pending.register(groups.stream().map(group -> MultiGauge.Row.of(tags(group), group.count())).toList(), true);
        earliestDue.register(groups.stream().map(group -> MultiGauge.Row.of(tags(group),
                group.earliestDue().getEpochSecond() + group.earliestDue().getNano() / 1e9)).toList(), true);
    }

    private static Tags tags(SlaReadModel.PendingGroup group) {
        return Tags.of("severity", group.severity(), "program", group.program());
    }
}
