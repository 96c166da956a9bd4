package dev.incidentsla.projection.report;

import dev.incidentsla.api.TimerStatus;
import dev.incidentsla.api.incident.IncidentOpened;
import dev.incidentsla.api.incident.IncidentRegraded;
import dev.incidentsla.api.incident.TimerBreached;
import dev.incidentsla.api.incident.TimerClockStarted;
import dev.incidentsla.api.incident.TimerStarted;
import dev.incidentsla.api.incident.TimerStopped;
import dev.incidentsla.projection.readmodel.IncidentsOfTheBatch;
import dev.incidentsla.projection.readmodel.SlaProjector;
import dev.incidentsla.projection.report.TimerReportRow.IncidentFacts;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Keeps {@code timer_report} (one row per timer instance of SLA-RULES section 9) in step with the incidents' timer
 * events, for the timers' compliance reports. An event at or below a row's last sequence changes nothing (a replay,
 * a reset).
 * <p>
 * It belongs to the read model's processing group: its batches are the read model's, in the same transaction, so the
 * incident's contract and severity (which timer events do not carry) are the read model's row as earlier
 * batches left it, followed through the batch's own openings and re-grades. As {@link SlaProjector} does, a batch
 * reads its incidents' facts and timer rows with one query when its first event is handled, applies each event in
 * memory in order, and writes the rows it changed in one JDBC batch as it commits.
 */
@Component
@ProcessingGroup(SlaProjector.PROCESSING_GROUP)
public class TimerReportProjector {

    private static final System.Logger LOG = System.getLogger(TimerReportProjector.class.getName());
    private static final String ROWS_OF_THE_BATCH = TimerReportProjector.class.getName() + ".rows";

    private final TimerReportTable table;

    public TimerReportProjector(TimerReportTable table) {
        this.table = table;
    }

    @EventHandler
    void on(IncidentOpened event, @SequenceNumber long sequence) {
        RowsOfTheBatch rows = rowsOfTheBatch();
        String incidentId = event.incidentId().value();
        IncidentFacts known = rows.facts(incidentId);
        if (known == null || known.lastSequence() < sequence) {
            rows.facts(incidentId, new IncidentFacts(event.contractId().value(), event.severity(), sequence));
        }
    }

    @EventHandler
    void on(IncidentRegraded event, @SequenceNumber long sequence) {
        RowsOfTheBatch rows = rowsOfTheBatch();
        String incidentId = event.incidentId().value();
        IncidentFacts known = rows.facts(incidentId);
        if (known != null && known.lastSequence() < sequence) {
            rows.facts(incidentId, known.regraded(event.severity(), sequence));
        }
        for (TimerReportRow row : rows.timers(incidentId)) {
            if (row.lastSequence() < sequence && row.status() == TimerStatus.PENDING) {
                rows.changed(row.regraded(event.severity(), sequence));
            }
        }
    }

    @EventHandler
    void on(TimerStarted event, @SequenceNumber long sequence) {
        RowsOfTheBatch rows = rowsOfTheBatch();
        String incidentId = event.incidentId().value();
        if (rows.timer(incidentId, event.timerId().value()) != null) {
            return;
        }
        IncidentFacts incident = rows.facts(incidentId);
        if (incident == null) {
            LOG.log(System.Logger.Level.WARNING, "timer " + event.timerId().value() + " of incident " + incidentId
                    + " (event " + sequence + ") started before its opening");
            return;
        }
        rows.changed(TimerReportRow.started(event, incident, sequence));
    }

    @EventHandler
    void on(TimerClockStarted event, @SequenceNumber long sequence) {
        apply(event.incidentId().value(), event.timerId().value(), sequence, row -> row.clockStarted(event, sequence));
    }

    @EventHandler
    void on(TimerBreached event, @SequenceNumber long sequence) {
        apply(event.incidentId().value(), event.timerId().value(), sequence, row -> row.breached(event, sequence));
    }

    @EventHandler
    void on(TimerStopped event, @SequenceNumber long sequence) {
        apply(event.incidentId().value(), event.timerId().value(), sequence, row -> row.stopped(event, sequence));
    }

    /**
     * Changes the row in memory, in the handler, so that an event whose change fails is skipped alone as poisoned
     * while the others of its batch are applied.
     */
    private void apply(String incidentId, String timerId, long sequence, UnaryOperator<TimerReportRow> change) {
        RowsOfTheBatch rows = rowsOfTheBatch();
        TimerReportRow current = rows.timer(incidentId, timerId);
        if (current == null) {
            LOG.log(System.Logger.Level.WARNING, "event " + sequence + " of incident " + incidentId + " is about timer "
                    + timerId + ", which has not started");
            return;
        }
        if (current.lastSequence() < sequence) {
            rows.changed(change.apply(current));
        }
    }

    private RowsOfTheBatch rowsOfTheBatch() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(ROWS_OF_THE_BATCH, key -> {
            RowsOfTheBatch rows = new RowsOfTheBatch(table, IncidentsOfTheBatch.of(batch));
            batch.onPrepareCommit(unitOfWork -> rows.write());
            return rows;
        });
    }

    /** The facts and timer rows of one batch's incidents as its events leave them; written back when it commits. */
    private static final class RowsOfTheBatch {

        private final TimerReportTable table;
        private final Map<String, IncidentFacts> facts = new HashMap<>();
        private final Map<String, Map<String, TimerReportRow>> timers = new HashMap<>();
        private final Set<String> lookedUp;
        /** By incident and timer id: the order the rows are written in. */
        private final Map<List<String>, TimerReportRow> changed = new TreeMap<>(
                Comparator.comparing((List<String> key) -> key.get(0)).thenComparing(key -> key.get(1)));

        RowsOfTheBatch(TimerReportTable table, Set<String> incidents) {
            this.table = table;
            this.lookedUp = new TreeSet<>(incidents);
            load(incidents);
        }

        private void load(Set<String> incidents) {
            TimerReportTable.Stored stored = table.lock(incidents);
            facts.putAll(stored.incidents());
            stored.timers().forEach((incidentId, rows) -> timers.put(incidentId, new HashMap<>(rows)));
        }

        private void lookUp(String incidentId) {
            if (lookedUp.add(incidentId)) {
                load(Set.of(incidentId));
            }
        }

        IncidentFacts facts(String incidentId) {
            lookUp(incidentId);
            return facts.get(incidentId);
        }

        void facts(String incidentId, IncidentFacts current) {
            facts.put(incidentId, current);
        }

        TimerReportRow timer(String incidentId, String timerId) {
            lookUp(incidentId);
            return timers.getOrDefault(incidentId, Map.of()).get(timerId);
        }

        List<TimerReportRow> timers(String incidentId) {
            lookUp(incidentId);
            return new ArrayList<>(timers.getOrDefault(incidentId, Map.of()).values());
        }

        void changed(TimerReportRow row) {
            timers.computeIfAbsent(row.incidentId(), key -> new HashMap<>()).put(row.timerId(), row);
            changed.put(List.of(row.incidentId(), row.timerId()), row);
        }

        void write() {
            table.save(new ArrayList<>(changed.values()));
        }
    }
}
