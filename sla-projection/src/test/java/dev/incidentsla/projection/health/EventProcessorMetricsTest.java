package dev.incidentsla.projection.health;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.monitoring.MessageMonitor.MonitorCallback;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EventProcessorMetricsTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void each_outcome_is_counted_under_axons_meter_names_and_the_latency_is_the_last_events_age() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EventProcessorMetrics.ProcessorMonitor monitor = new EventProcessorMetrics.ProcessorMonitor(registry, "sla-alerts",
                Clock.fixed(NOW, ZoneOffset.UTC));

        monitor.onMessageIngested(event(NOW.minusSeconds(9))).reportSuccess();
        monitor.onMessageIngested(event(NOW.minusSeconds(5))).reportIgnored();
        MonitorCallback failing = monitor.onMessageIngested(event(NOW.minusMillis(1_500)));
        failing.reportFailure(new IllegalStateException("poisoned"));

        assertThat(count(registry, "ingestedCounter")).isEqualTo(3);
        assertThat(count(registry, "processedCounter")).isEqualTo(3);
        assertThat(count(registry, "successCounter")).isEqualTo(1);
        assertThat(count(registry, "ignoredCounter")).isEqualTo(1);
        assertThat(count(registry, "failureCounter")).isEqualTo(1);
        assertThat(registry.get("eventProcessor.latency").tag("processorName", "sla-alerts").gauge().value()).isEqualTo(1_500);
    }

    private static double count(SimpleMeterRegistry registry, String counter) {
        return registry.get("eventProcessor." + counter).tag("processorName", "sla-alerts").counter().count();
    }

    private static GenericEventMessage<String> event(Instant at) {
        return new GenericEventMessage<>(UUID.randomUUID().toString(), "payload", Map.of(), at);
    }
}
