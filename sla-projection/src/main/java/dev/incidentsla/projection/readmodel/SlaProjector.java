package dev.incidentsla.projection.readmodel;

import dev.incidentsla.api.incident.FirstResponseAtRisk;
import dev.incidentsla.api.incident.FirstResponseBreached;
import dev.incidentsla.api.incident.FirstResponseRecorded;
import dev.incidentsla.api.incident.IncidentClosed;
import dev.incidentsla.api.incident.IncidentOpened;
import dev.incidentsla.api.incident.IncidentRegraded;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.function.Function;

/**
 * Keeps the SLA read model in step with the incident events, one row per incident. Events of one incident arrive
 * in order; one already applied (a replay, a reset) changes nothing.
 */
@Component
@ProcessingGroup(SlaProjector.PROCESSING_GROUP)
public class SlaProjector {

    public static final String PROCESSING_GROUP = "sla-projection";
    private static final System.Logger LOG = System.getLogger(SlaProjector.class.getName());

    private final SlaReadModel readModel;

    public SlaProjector(SlaReadModel readModel) {
        this.readModel = readModel;
    }

    @EventHandler
    void on(IncidentOpened event, @SequenceNumber long sequence) {
        apply(event.incidentId().value(), sequence, current -> current.orElseGet(() -> SlaRow.opened(event, sequence)));
    }

    @EventHandler
    void on(IncidentRegraded event, @SequenceNumber long sequence) {
        apply(event.incidentId().value(), sequence, current -> current.map(row -> row.regraded(event, sequence)).orElse(null));
    }

    @EventHandler
    void on(FirstResponseRecorded event, @SequenceNumber long sequence) {
        apply(event.incidentId().value(), sequence, current -> current.map(row -> row.responded(event, sequence)).orElse(null));
    }

    @EventHandler
    void on(IncidentClosed event, @SequenceNumber long sequence) {
        apply(event.incidentId().value(), sequence, current -> current.map(row -> row.closed(event, sequence)).orElse(null));
    }

    @EventHandler
    void on(FirstResponseAtRisk event, @SequenceNumber long sequence) {
        apply(event.incidentId().value(), sequence, current -> current.map(row -> row.atRisk(event, sequence)).orElse(null));
    }

    @EventHandler
    void on(FirstResponseBreached event, @SequenceNumber long sequence) {
        apply(event.incidentId().value(), sequence, current -> current.map(row -> row.breached(event, sequence)).orElse(null));
    }

    private void apply(String incidentId, long sequence, Function<Optional<SlaRow>, SlaRow> change) {
        Optional<SlaRow> current = readModel.lock(incidentId);
        if (current.isPresent() && current.get().lastSequence() >= sequence) {
            return;
        }
        SlaRow next = change.apply(current);
        if (next == null) {
            LOG.log(System.Logger.Level.WARNING, "event " + sequence + " of incident " + incidentId + " arrived before its opening");
            return;
        }
        readModel.save(next);
    }
}
