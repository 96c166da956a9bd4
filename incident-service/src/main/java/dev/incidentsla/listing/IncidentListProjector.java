package dev.incidentsla.listing;

import dev.incidentsla.api.incident.IncidentEvent;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.api.incident.IncidentOpened;
import dev.incidentsla.eventstore.AggregatesOfTheBatch;
import dev.incidentsla.incident.FoldedIncident;
import dev.incidentsla.incident.RecentFolds;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Keeps the incident list ({@code incident_list}) in step with the incident events, one row per incident. Several
 * nodes share the processor's segments (an incident's events all fall in one segment, in order); an event the row
 * already holds (a replay, a batch retried after a node died before committing it) changes nothing.
 * <p>
 * A batch is one unit of work and one transaction with the segment's token: the rows of its incidents are read and
 * locked with one query at its first event, each event is added in memory, and the changed rows are written in one
 * JDBC batch as it commits. A node killed mid-batch commits neither rows nor token, and the batch is handled again.
 * <p>
 * A row holds only what the list filters and orders on; its columns come from the incident's events folded by the
 * aggregate's own fold ({@link FoldedIncident}). The node keeps recent folds ({@link RecentFolds}), each as of one
 * event: an event is taken with the fold a command on this node handed over for it, or folded onto the fold at the
 * row's own event. The row is what the nodes agreed on, so a fold this node made before another node moved the row on
 * is never built upon. Otherwise the incident's events come from the event store, read in the batch's transaction:
 * those of all such incidents of a batch in one query.
 * <p>
 * The processor may never receive an event: it skips one whose transaction commits after the gap timeout. So a row
 * takes an event only as the next one it lacks (the opening for a new row); any other event (a row missing under a
 * later event, or an event past a gap) makes the row again from the incident's stream in the event store, so that the
 * row never builds on a hole.
 */
@Component
@ProcessingGroup(IncidentListProjector.PROCESSING_GROUP)
class IncidentListProjector {

    static final String PROCESSING_GROUP = "incident-list";
    private static final System.Logger LOG = System.getLogger(IncidentListProjector.class.getName());
    private static final String ROWS_OF_THE_BATCH = IncidentListProjector.class.getName() + ".rows";

    private final IncidentListTable table;
    private final IncidentHistories histories;
    private final RecentFolds folds;

    IncidentListProjector(IncidentListTable table, IncidentHistories histories, RecentFolds folds) {
        this.table = table;
        this.histories = histories;
        this.folds = folds;
    }

    @EventHandler
    void on(IncidentEvent event, @SequenceNumber long sequence) {
        RowsOfTheBatch rows = rowsOfTheBatch();
        String incidentId = event.incidentId().value();
        ListedIncident current = rows.row(incidentId);
        if (current != null && current.lastSequence() >= sequence) {
            return;
        }
        FoldedIncident folded;
        if (current == null && event instanceof IncidentOpened && sequence == 0) {
            folded = FoldedIncident.of(List.of(event), sequence);
        } else if (current != null && sequence == current.lastSequence() + 1) {
            FoldedIncident committed = folds.at(incidentId, sequence);
            folded = committed != null ? committed : rows.foldAtRow(incidentId).with(event, sequence);
        } else {
            LOG.log(System.Logger.Level.WARNING, "event " + sequence + " of incident " + incidentId + " does not follow "
                    + (current == null ? "an opening" : "event " + current.lastSequence()) + " in the list: its row is made "
                    + "again from the event store");
            folded = fromTheEventStore(incidentId, sequence);
        }
        folds.keep(incidentId, folded);
        rows.changed(ListedIncident.of(folded));
    }

    /**
     * The incident's events in the store up to this one: the event came from the store, so every event before it (an
     * aggregate's events are appended in sequence) is there too.
     */
    private FoldedIncident fromTheEventStore(String incidentId, long sequence) {
        return FoldedIncident.of(histories.upTo(Map.of(incidentId, sequence)).get(incidentId), sequence);
    }

    /**
     * A reset of the processor's tokens (an operator's replay) rebuilds the list from the history's start. The folds
     * kept stay true: each is of committed events, which a replay reads again unchanged.
     */
    @ResetHandler
    void onReset() {
        table.clear();
    }

    private RowsOfTheBatch rowsOfTheBatch() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(ROWS_OF_THE_BATCH, key -> {
            RowsOfTheBatch rows = new RowsOfTheBatch(AggregatesOfTheBatch.lastSequences(batch, IncidentEvent.class));
            batch.onPrepareCommit(unitOfWork -> rows.write());
            return rows;
        });
    }

    /**
     * The rows of one batch's incidents as its events leave them; written when the batch commits. The folds the batch
     * builds on and this node does not keep (its incidents' first events since long, or since another node handled
     * them) are read from the event store together, in one query, as the rows are locked.
     */
    private final class RowsOfTheBatch {

        private final Map<String, ListedIncident> stored;
        private final Set<String> lookedUp = new TreeSet<>();
        private final Map<String, ListedIncident> changed = new TreeMap<>();
        private final Map<String, FoldedIncident> readForTheBatch = new HashMap<>();

        RowsOfTheBatch(Map<String, Long> lastSequenceInTheBatch) {
            lastSequenceInTheBatch.keySet().forEach(aggregate -> lookedUp.add(IncidentId.ofAggregateIdentifier(aggregate).value()));
            this.stored = new HashMap<>(table.lock(lookedUp));
            Map<String, Long> unkept = new TreeMap<>();
            lastSequenceInTheBatch.forEach((aggregate, lastInTheBatch) -> {
                ListedIncident row = stored.get(IncidentId.ofAggregateIdentifier(aggregate).value());
                if (row != null && lastInTheBatch > row.lastSequence() && kept(row) == null
                        && folds.at(row.incidentId(), row.lastSequence() + 1) == null) {
                    unkept.put(row.incidentId(), row.lastSequence());
                }
            });
            histories.upTo(unkept).forEach((incidentId, events) ->
                    readForTheBatch.put(incidentId, FoldedIncident.of(events, unkept.get(incidentId))));
        }

        ListedIncident row(String incidentId) {
            ListedIncident row = changed.get(incidentId);
            if (row != null) {
                return row;
            }
            if (lookedUp.add(incidentId)) {
                stored.putAll(table.lock(Set.of(incidentId)));
            }
            return stored.get(incidentId);
        }

        /** The incident folded up to the event its row (as this batch left it) was made from. */
        FoldedIncident foldAtRow(String incidentId) {
            ListedIncident row = row(incidentId);
            FoldedIncident kept = kept(row);
            if (kept != null) {
                return kept;
            }
            FoldedIncident read = readForTheBatch.remove(incidentId);
            return read != null && read.lastSequence() == row.lastSequence()
                    ? read : fromTheEventStore(incidentId, row.lastSequence());
        }

        /** This node's fold of the row's incident, if it stands at the row's own event. */
        private FoldedIncident kept(ListedIncident row) {
            return folds.at(row.incidentId(), row.lastSequence());
        }

        void changed(ListedIncident row) {
            changed.put(row.incidentId(), row);
        }

        void write() {
            table.save(new ArrayList<>(changed.values()));
        }
    }
}
