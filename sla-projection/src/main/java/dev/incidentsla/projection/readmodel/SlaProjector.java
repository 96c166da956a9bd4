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
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Keeps the SLA read model in step with the incident events, one row per incident. Events of one incident arrive
 * in order; one already applied (a replay, a reset) changes nothing.
 * <p>
 * A processor's batch is one unit of work and one transaction: the rows of every incident its events are about are
 * read (and locked) with one query when its first event is handled, each event is applied to them in memory in
 * order, and the rows it changed are written back in one JDBC batch as it commits, with the segment's token. A
 * replay thus costs two statements a batch rather than two an event; a live event, alone in its batch, costs what it
 * did. The rows written are handed to {@link ReadModelChanges} in the same transaction (the live stream hears of them
 * only if they commit). Once the batch has committed, the SLAs it ended are counted ({@link SlaOutcomeMetrics}).
 */
@Component
@ProcessingGroup(SlaProjector.PROCESSING_GROUP)
public class SlaProjector {

    public static final String PROCESSING_GROUP = "sla-projection";
    private static final System.Logger LOG = System.getLogger(SlaProjector.class.getName());
    private static final String ROWS_OF_THE_BATCH = SlaProjector.class.getName() + ".rows";

    private final SlaReadModel readModel;
    private final SlaOutcomeMetrics outcomes;
    private final ReadModelChanges changes;

    public SlaProjector(SlaReadModel readModel, SlaOutcomeMetrics outcomes, ReadModelChanges changes) {
        this.readModel = readModel;
        this.outcomes = outcomes;
        this.changes = changes;
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

    /**
     * Changes the row in memory, in the handler, so that an event whose change fails is skipped alone as poisoned
     * (SkipPoisonedEvents) while the others of its batch are applied.
     */
    private void apply(String incidentId, long sequence, Function<Optional<SlaRow>, SlaRow> change) {
        RowsOfTheBatch rows = rowsOfTheBatch();
        Optional<SlaRow> current = rows.row(incidentId);
        if (current.isPresent() && current.get().lastSequence() >= sequence) {
            return;
        }
        SlaRow next = change.apply(current);
        if (next == null) {
            LOG.log(System.Logger.Level.WARNING, "event " + sequence + " of incident " + incidentId + " arrived before its opening");
            return;
        }
        rows.changed(next);
    }

    private RowsOfTheBatch rowsOfTheBatch() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(ROWS_OF_THE_BATCH, key -> {
            RowsOfTheBatch rows = new RowsOfTheBatch(readModel, IncidentsOfTheBatch.of(batch));
            batch.onPrepareCommit(unitOfWork -> rows.write(changes));
            batch.afterCommit(unitOfWork -> rows.countOutcomes(outcomes));
            return rows;
        });
    }

    /** The rows of one batch's incidents as its events leave them; written back when the batch commits. */
    private static final class RowsOfTheBatch {

        private final SlaReadModel readModel;
        private final Map<String, SlaRow> stored;
        private final Set<String> lookedUp;
        private final Map<String, SlaRow> changed = new TreeMap<>();

        RowsOfTheBatch(SlaReadModel readModel, Set<String> incidents) {
            this.readModel = readModel;
            this.stored = new HashMap<>(readModel.lock(incidents));
            this.lookedUp = new TreeSet<>(incidents);
        }

        Optional<SlaRow> row(String incidentId) {
            SlaRow row = changed.get(incidentId);
            if (row != null) {
                return Optional.of(row);
            }
            if (lookedUp.add(incidentId)) {
                stored.putAll(readModel.lock(Set.of(incidentId)));
            }
            return Optional.ofNullable(stored.get(incidentId));
        }

        void changed(SlaRow row) {
            changed.put(row.incidentId(), row);
        }

        void write(ReadModelChanges changes) {
            if (!changed.isEmpty()) {
                List<SlaRow> rows = new ArrayList<>(changed.values());
                readModel.save(rows);
                changes.written(rows);
            }
        }

        /** Each changed row against the row as the batch found it in the table. */
        void countOutcomes(SlaOutcomeMetrics outcomes) {
            changed.values().forEach(row -> outcomes.recorded(stored.get(row.incidentId()), row));
        }
    }
}
