package dev.incidentsla.projection.readmodel;

import dev.incidentsla.api.incident.IncidentEvent;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.eventstore.AggregatesOfTheBatch;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.Set;
import java.util.TreeSet;

/** What the read model's projectors read and lock once per batch, before its first event is applied. */
public final class IncidentsOfTheBatch {

    private IncidentsOfTheBatch() {
    }

    /** The incidents the batch's events are about, in order (so that rows are locked in one order by every node). */
    public static Set<String> of(UnitOfWork<?> batch) {
        Set<String> incidents = new TreeSet<>();
        AggregatesOfTheBatch.lastSequences(batch, IncidentEvent.class).keySet()
                .forEach(aggregate -> incidents.add(IncidentId.ofAggregateIdentifier(aggregate).value()));
        return incidents;
    }
}
