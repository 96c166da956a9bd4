package dev.incidentsla.projection.readmodel;

import dev.incidentsla.api.FirstResponseStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How first-call-response SLAs ended, as {@code sla_first_responses_total} by outcome ({@code met}, {@code breached},
 * {@code cancelled}: closed before any response), severity and program: counted when the read model records a row
 * leaving {@code PENDING}, once its batch has committed. Each incident's events are applied by one segment on one node,
 * and an event applied already changes nothing, so summed over the nodes every outcome counts once (a read model
 * rebuilt from an empty table counts its history again). The met ratio and breach rate come from these.
 * <p>
 * Each severity and program's counters are registered at zero as soon as one of its SLAs is seen pending, here or by
 * the pending gauges after a restart: Prometheus' {@code increase} cannot see a series' first sample as an increase,
 * so a counter born at 1 would hide the first breach of its kind.
 */
@Component
public class SlaOutcomeMetrics {

    static final String COUNTER = "sla.first.responses";

    private final MeterRegistry meters;
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

    public SlaOutcomeMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Counts the rows whose SLA was pending before the batch ({@code before} null: a row the batch created) and is no more. */
    void recorded(SlaRow before, SlaRow after) {
        expect(after.severity().code(), after.program());
        boolean wasPending = before == null || before.status() == FirstResponseStatus.PENDING;
        if (wasPending && after.status().isStopped()) {
            counter(after.status(), after.severity().code(), after.program()).increment();
        }
    }

    /** Registers the outcome counters of SLAs of this severity (its code) and program, at zero if new. */
    public void expect(String severity, String program) {
        for (FirstResponseStatus outcome : FirstResponseStatus.values()) {
            if (outcome.isStopped()) {
                counter(outcome, severity, program);
            }
        }
    }

    private Counter counter(FirstResponseStatus outcome, String severity, String program) {
        List<String> tags = List.of(outcome.name().toLowerCase(Locale.ROOT), severity, program);
        return counters.computeIfAbsent(tags, key -> Counter.builder(COUNTER)
                .description("First-call-response SLAs that ended, by outcome (met, breached, cancelled)")
                .tag("outcome", key.get(0))
                .tag("severity", key.get(1))
                .tag("program", key.get(2))
                .register(meters));
    }
}
