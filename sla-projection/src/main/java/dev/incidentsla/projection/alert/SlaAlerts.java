package dev.incidentsla.projection.alert;

import dev.incidentsla.api.incident.FirstResponseAtRisk;
import dev.incidentsla.api.incident.FirstResponseBreached;
import dev.incidentsla.api.incident.TimerAtRisk;
import dev.incidentsla.api.incident.TimerBreached;
import dev.incidentsla.projection.failure.PoisonedEvents;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.time.Instant;
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
    private static final String SENT_IN_BATCH = SlaAlerts.class.getName() + ".sent";

    private record Pending(EventMessage<?> event, AlertPublisher.Sent sent) {
    }

    private record Refused(EventMessage<?> event, UnpublishableAlertException reason) {
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

    @EventHandler
    void on(TimerAtRisk fact, EventMessage<TimerAtRisk> event) {
        send(cloudEvents.warning(fact), event);
    }

    @EventHandler
    void on(TimerBreached fact, EventMessage<TimerBreached> event) {
        send(cloudEvents.breach(fact), event);
    }

    private void send(Alert alert, EventMessage<?> event) {
        AlertPublisher.Sent sent = publisher.send(alert);
        if (CurrentUnitOfWork.isStarted()) {
            sentInThisBatch(CurrentUnitOfWork.get().root()).add(new Pending(event, sent));
        } else {
            published(alert, publisher.awaitAcknowledgement(sent));
        }
    }

    private List<Pending> sentInThisBatch(UnitOfWork<?> batch) {
        return batch.getOrComputeResource(SENT_IN_BATCH, key -> {
            List<Pending> sent = new ArrayList<>();
            batch.onPrepareCommit(unitOfWork -> awaitAcknowledgements(sent, unitOfWork));
            return sent;
        });
    }

    /**
     * Refusals are recorded once the batch committed: a later alert's transient failure retries the whole batch, and
     * the refused one would otherwise be counted again.
     */
    private void awaitAcknowledgements(List<Pending> sent, UnitOfWork<?> batch) {
        List<Refused> refused = new ArrayList<>();
        for (Pending pending : sent) {
            try {
                published(pending.sent().alert(), publisher.awaitAcknowledgement(pending.sent()));
            } catch (UnpublishableAlertException refusal) {
                refused.add(new Refused(pending.event(), refusal));
            }
        }
        if (!refused.isEmpty()) {
            batch.afterCommit(unitOfWork -> refused.forEach(this::skip));
        }
    }

    private void skip(Refused refused) {
        PoisonedEvents.Poisoned poisoned = poisonedEvents.record(PROCESSING_GROUP, refused.event(), refused.reason());
        LOG.log(System.Logger.Level.WARNING, "skipped event " + poisoned.eventId() + " (" + poisoned.eventType() + ") in "
                + PROCESSING_GROUP + ", Kafka refuses its alert: " + poisoned.reason(), refused.reason());
    }

    private void published(Alert alert, Instant acknowledgedAt) {
        metrics.alertPublished(alert.kind(), alert.timer(), alert.party(), alert.deadline(), acknowledgedAt);
    }
}
