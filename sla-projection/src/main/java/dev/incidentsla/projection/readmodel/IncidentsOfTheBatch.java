package dev.incidentsla.projection.readmodel;

import dev.incidentsla.api.incident.IncidentEvent;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** What the read model's projectors read and lock once per batch, before its first event is applied. */
public final class IncidentsOfTheBatch {

    private static final System.Logger LOG = System.getLogger(IncidentsOfTheBatch.class.getName());

    private IncidentsOfTheBatch() {
    }

    /**
     * The incidents the batch's events are about, in order (so that rows are locked in one order by every node). An
     * event whose payload cannot be read is left out: its handler fails on it and it is skipped as poisoned.
     */
    public static Set<String> of(UnitOfWork<?> batch) {
        List<? extends Message<?>> messages = batch instanceof BatchingUnitOfWork<?> batching
                ? batching.getMessages() : List.of(batch.getMessage());
        Set<String> incidents = new TreeSet<>();
        for (Message<?> message : messages) {
            if (IncidentEvent.class.isAssignableFrom(message.getPayloadType())) {
                try {
                    incidents.add(((IncidentEvent) message.getPayload()).incidentId().value());
                } catch (RuntimeException unreadable) {
                    LOG.log(System.Logger.Level.DEBUG, "left out of the batch's rows, unreadable: " + unreadable);
                }
            }
        }
        return incidents;
    }
}
