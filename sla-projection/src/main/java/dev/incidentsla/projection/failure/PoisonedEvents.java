package dev.incidentsla.projection.failure;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Events a processing group skipped because they can never be handled: counted (metric
 * {@code sla_alerts_poisoned_total{processing_group}}, no incident id in it) and the last one kept for health.
 */
@Component
public class PoisonedEvents {

    public static final String METRIC = "sla.alerts.poisoned";
    public static final String GROUP_TAG = "processing.group";

    /** The last event skipped: its identifier, payload type, and why. */
    public record Poisoned(String processingGroup, String eventId, String eventType, String reason, Instant at) {
    }

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private volatile Poisoned last;

    public PoisonedEvents(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** So that the counter reads 0, not absent, before anything is poisoned. */
    public void register(String processingGroup) {
        counter(processingGroup);
    }

    public Poisoned record(String processingGroup, EventMessage<?> event, Exception failure) {
        Poisoned poisoned = new Poisoned(processingGroup, event.getIdentifier(), payloadType(event), failure.toString(),
                clock.instant());
        counter(processingGroup).increment();
        last = poisoned;
        return poisoned;
    }

    /** Skipped events per processing group, since this node started. */
    public Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        counters.forEach((group, counter) -> counts.put(group, (long) counter.count()));
        return counts;
    }

    public long total() {
        return counts().values().stream().mapToLong(Long::longValue).sum();
    }

    public Optional<Poisoned> last() {
        return Optional.ofNullable(last);
    }

    private Counter counter(String processingGroup) {
        return counters.computeIfAbsent(processingGroup, group -> Counter.builder(METRIC)
                .description("Events skipped because they can never be handled (undeserializable, unwritable instants, ...)")
                .tag(GROUP_TAG, group).register(registry));
    }

    private static String payloadType(EventMessage<?> event) {
        try {
            return event.getPayloadType().getName();
        } catch (RuntimeException unknownType) {
            return "unknown";
        }
    }
}
