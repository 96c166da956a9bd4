package dev.incidentsla.projection.alert;

import dev.incidentsla.api.incident.FirstResponseAtRisk;
import dev.incidentsla.api.incident.FirstResponseBreached;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Publishes the deadline facts the incidents record as Kafka alerts, from the event history (its own processor,
 * so that neither the read model nor alerting waits for the other). Each handler returns only once the broker
 * acknowledged, so the segment's token passes an event only after its alert is on Kafka; a failure retries from
 * the token, and a repeat carries the same id. A replay or reset publishes again only alerts already published.
 */
@Component
@ProcessingGroup(SlaAlerts.PROCESSING_GROUP)
public class SlaAlerts {

    public static final String PROCESSING_GROUP = "sla-alerts";

    private final AlertCloudEvents cloudEvents;
    private final AlertPublisher publisher;
    private final SlaMetrics metrics;

    public SlaAlerts(AlertCloudEvents cloudEvents, AlertPublisher publisher, SlaMetrics metrics) {
        this.cloudEvents = cloudEvents;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    @EventHandler
    void on(FirstResponseAtRisk event) {
        publish(cloudEvents.warning(event));
    }

    @EventHandler
    void on(FirstResponseBreached event) {
        publish(cloudEvents.breach(event));
    }

    private void publish(Alert alert) {
        metrics.alertPublished(alert.kind(), alert.deadline(), publisher.publish(alert));
    }
}
