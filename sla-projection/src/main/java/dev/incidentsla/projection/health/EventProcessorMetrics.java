package dev.incidentsla.projection.health;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * What operators read of each event processor, under the meter names of Axon's Micrometer module: events ingested,
 * and of them processed, succeeded, failed and ignored ({@code eventProcessor.*Counter}), and the age of the last
 * event it handled ({@code eventProcessor.latency}, milliseconds), tagged with {@code processorName}. Axon's module
 * looked its meters up in the registry for every event (and registered a gauge for every event), and also timed every
 * event and measured capacity: about a quarter of the projection's CPU in a catch-up (BENCHMARKS.md). Here the meters
 * are registered once per processor and each event costs a few increments. Every segment's thread reports every event
 * of the stream, its own or not, so the latency keeps the last event and its ingestion instant and reads the event's
 * timestamp (which Axon parses from text) only when the gauge is read.
 */
@Configuration(proxyBeanMethods = false)
public class EventProcessorMetrics {

    static final String PREFIX = "eventProcessor";
    static final String PROCESSOR_TAG = "processorName";

    @Bean
    ConfigurerModule processorMonitors(MeterRegistry registry, Clock clock) {
        return configurer -> configurer.configureMessageMonitor(EventProcessor.class,
                (configuration, componentType, processorName) -> new ProcessorMonitor(registry, processorName, clock));
    }

    static final class ProcessorMonitor implements MessageMonitor<Message<?>> {

        private final Counter ingested;
        private final Counter processed;
        private final Counter succeeded;
        private final Counter failed;
        private final Counter ignored;
        private final Clock clock;
        private final MonitorCallback callback;
        private volatile Ingested last;

        ProcessorMonitor(MeterRegistry registry, String processorName, Clock clock) {
            this.clock = clock;
            Tags tags = Tags.of(PROCESSOR_TAG, processorName);
            this.ingested = registry.counter(PREFIX + ".ingestedCounter", tags);
            this.processed = registry.counter(PREFIX + ".processedCounter", tags);
            this.succeeded = registry.counter(PREFIX + ".successCounter", tags);
            this.failed = registry.counter(PREFIX + ".failureCounter", tags);
            this.ignored = registry.counter(PREFIX + ".ignoredCounter", tags);
            Gauge.builder(PREFIX + ".latency", this, ProcessorMonitor::latencyMillis).tags(tags)
                    .description("Age of the last event the processor handled, in milliseconds").register(registry);
            this.callback = new MonitorCallback() {
                @Override
                public void reportSuccess() {
                    processed.increment();
                    succeeded.increment();
                }

                @Override
                public void reportFailure(Throwable cause) {
                    processed.increment();
                    failed.increment();
                }

                @Override
                public void reportIgnored() {
                    processed.increment();
                    ignored.increment();
                }
            };
        }

        @Override
        public MonitorCallback onMessageIngested(Message<?> message) {
            ingested.increment();
            if (message instanceof EventMessage<?> event) {
                last = new Ingested(event, clock.millis());
            }
            return callback;
        }

        private double latencyMillis() {
            Ingested ingested = last;
            if (ingested == null) {
                return 0;
            }
            return Math.max(0, ingested.atMillis() - ingested.event().getTimestamp().toEpochMilli());
        }

        private record Ingested(EventMessage<?> event, long atMillis) {
        }
    }
}
