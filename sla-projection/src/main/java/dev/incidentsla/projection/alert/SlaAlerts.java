package dev.incidentsla.projection.alert;

import dev.incidentsla.api.incident.FirstResponseAtRisk;
import dev.incidentsla.api.incident.FirstResponseBreached;
import dev.incidentsla.projection.failure.PoisonedEvents;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Publishes the deadline facts the incidents record as Kafka alerts, from the event history (its own processor,
 * so that neither the read model nor alerting waits for the other). A batch's alerts are sent as its events are
 * handled and their acknowledgements awaited together when the batch commits, so that a breach does not wait for the
 * round trips of the alerts before it (deadlines falling due together make batches). The segment's token passes a
 * batch only once the broker acknowledged all of its alerts; a transient failure retries the batch from the token,
 * and a repeat carries the same id. An alert Kafka refuses for what it is, found when its acknowledgement fails, is
 * reported and skipped like any poisoned event, so that the rest of its batch goes out once. A replay or reset
 * publishes again only alerts already published.
 */
@Component
@ProcessingGroup(SlaAlerts.PROCESSING_GROUP)
public class SlaAlerts {

    public static final String PROCESSING_GROUP = "sla-alerts";
    private static final System.Logger LOG = System.getLogger(SlaAlerts.class.getName());
    private static final String BATCH = SlaAlerts.class.getName() + ".sent";

    private record Pending(EventMessage<?> event, AlertPublisher.Sent sent) {
    }

    private final AlertCloudEvents cloudEvents;
    private final AlertPublisher publisher;
    private final SlaMetrics metrics;
    private final PoisonedEvents poisonedEvents;

    public SlaAlerts(AlertCloudEvents cloudEvents, AlertPublisher publisher, SlaMetrics metrics,
                     PoisonedEvents poisonedEvents) {
        this.cloudEvents = cloudEvents;
        this.publisher = publisher;
        this.metrics = metrics;
        this.poisonedEvents = poisonedEvents;
    }

    @EventHandler
    void on(FirstResponseAtRisk fact, EventMessage<FirstResponseAtRisk> event) {
        send(cloudEvents.warning(fact), event);
    }

    @EventHandler
    void on(FirstResponseBreached fact, EventMessage<FirstResponseBreached> event) {
        send(cloudEvents.breach(fact), event);
    }

    private void send(Alert alert, EventMessage<?> event) {
        Pending pending = new Pending(event, publisher.send(alert));
        if (CurrentUnitOfWork.isStarted()) {
            sentInThisBatch(CurrentUnitOfWork.get().root()).add(pending);
        } else {
            awaitAcknowledgements(List.of(pending));
        }
    }

    private List<Pending> sentInThisBatch(UnitOfWork<?> batch) {
        return batch.getOrComputeResource(BATCH, key -> {
            List<Pending> sent = new ArrayList<>();
            batch.onPrepareCommit(unitOfWork -> awaitAcknowledgements(sent));
            return sent;
        });
    }

    private void awaitAcknowledgements(List<Pending> sent) {
        for (Pending pending : sent) {
            Alert alert = pending.sent().alert();
            try {
                metrics.alertPublished(alert.kind(), alert.deadline(), publisher.awaitAcknowledgement(pending.sent()));
            } catch (UnpublishableAlertException refused) {
                PoisonedEvents.Poisoned poisoned = poisonedEvents.record(PROCESSING_GROUP, pending.event(), refused);
                LOG.log(System.Logger.Level.WARNING, "skipped event " + poisoned.eventId() + " (" + poisoned.eventType()
                        + ") in " + PROCESSING_GROUP + ", Kafka refuses its alert: " + poisoned.reason(), refused);
            }
        }
    }
}
