package dev.incidentsla.projection.alert;

import dev.incidentsla.api.SlaTimer;
import dev.incidentsla.api.TimerParty;
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
import java.util.List;

/**
 * The projection's metrics, low-cardinality (no incident ids): pending SLAs by severity and program with the earliest
 * deadline among them, alerts published, and the alert latency (broker acknowledgement minus the deadline the alert
 * is about). The pending figures come from the shared read model, so every node reports the same values. Alerts are
 * tagged by {@code kind}, {@code timer} and {@code party}, so that a customer's breach never counts as Microsoft's.
 */
@Component
public class SlaMetrics {

    /** The longest a Micrometer timer can take: it records nanoseconds in a long. */
    static final Duration LONGEST_RECORDABLE = Duration.ofNanos(Long.MAX_VALUE);
    private static final System.Logger LOG = System.getLogger(SlaMetrics.class.getName());

    private final SlaReadModel readModel;
    private final SlaOutcomeMetrics outcomes;
    private final MeterRegistry registry;
    private final MultiGauge pending;
    private final MultiGauge earliestDue;

    public SlaMetrics(MeterRegistry registry, SlaReadModel readModel, SlaOutcomeMetrics outcomes) {
        this.registry = registry;
        this.readModel = readModel;
        this.outcomes = outcomes;
        for (AlertKind kind : AlertKind.values()) {
            published(kind, SlaTimer.FIRST_RESPONSE, TimerParty.MICROSOFT);
            latency(kind, SlaTimer.FIRST_RESPONSE, TimerParty.MICROSOFT);
        }
        pending = MultiGauge.builder("sla.pending").description("Pending first-call-response SLAs").register(registry);
        earliestDue = MultiGauge.builder("sla.pending.earliest.due.timestamp").baseUnit("seconds")
                .description("The earliest deadline of the pending SLAs (Unix time): minus now, the time to the next breach")
                .register(registry);
    }

    /** Never throws: an alert is delivered whatever its metrics make of it. */
    public void alertPublished(AlertKind kind, SlaTimer timer, TimerParty party, Instant deadline, Instant acknowledgedAt) {
        try {
            published(kind, timer, party).increment();
            latency(kind, timer, party).record(latency(deadline, acknowledgedAt));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "alert metrics not recorded: " + e);
        }
    }

    /** The registry hands back the meter already registered under these tags; the first response's exist from the start. */
    private Counter published(AlertKind kind, SlaTimer timer, TimerParty party) {
        return Counter.builder("sla.alerts.published").description("Alerts the broker acknowledged")
                .tags(alertTags(kind, timer, party)).register(registry);
    }

    private Timer latency(AlertKind kind, SlaTimer timer, TimerParty party) {
        return Timer.builder("sla.alert.latency")
                .description("Broker acknowledgement instant minus the alert's deadline (at-risk or due instant)")
                .tags(alertTags(kind, timer, party)).publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10)).register(registry);
    }

    private static Tags alertTags(AlertKind kind, SlaTimer timer, TimerParty party) {
        return Tags.of("kind", kind.tag(), "timer", timer.name(), "party", party.name());
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
