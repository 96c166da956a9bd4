package dev.incidentsla.projection.readmodel;

import dev.incidentsla.api.Channel;
import dev.incidentsla.api.FirstResponseStatus;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaClock;
import dev.incidentsla.api.SlaDecision;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.incident.FirstResponseAtRisk;
import dev.incidentsla.api.incident.FirstResponseBreached;
import dev.incidentsla.api.incident.FirstResponseRecorded;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.api.incident.IncidentOpened;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A processor's batch of events reads its incidents' rows once and writes the rows it changed once, at its commit;
 * events already applied change nothing, and a batch rolled back writes nothing.
 */
class SlaProjectorTest {

    private static final Instant SUBMITTED = Instant.parse("2026-11-20T10:00:00Z");

    /** The table as a map, counting the queries a batch makes. */
    private static final class RecordingReadModel extends SlaReadModel {

        final Map<String, SlaRow> table = new HashMap<>();
        final List<Set<String>> locks = new ArrayList<>();
        final List<List<SlaRow>> saves = new ArrayList<>();

        RecordingReadModel() {
            super(null);
        }

        @Override
        public Map<String, SlaRow> lock(Collection<String> incidentIds) {
            locks.add(new TreeSet<>(incidentIds));
            Map<String, SlaRow> rows = new HashMap<>();
            incidentIds.stream().filter(table::containsKey).forEach(id -> rows.put(id, table.get(id)));
            return rows;
        }

        @Override
        public void save(List<SlaRow> rows) {
            saves.add(List.copyOf(rows));
            rows.forEach(row -> table.put(row.incidentId(), row));
        }
    }

    private final RecordingReadModel readModel = new RecordingReadModel();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    /** What the live stream was told each batch wrote. */
    private final List<List<SlaRow>> told = new ArrayList<>();
    private final AnnotationEventHandlerAdapter projector = new AnnotationEventHandlerAdapter(
            new SlaProjector(readModel, new SlaOutcomeMetrics(meters), rows -> told.add(List.copyOf(rows))));

    private static IncidentOpened opened(String incident) {
        SlaDecision decision = new SlaDecision("UNIFIED", "unified.sev-1.azure", Duration.ofMinutes(15), SlaClock.ROUND_THE_CLOCK,
                SUBMITTED, SUBMITTED.plus(Duration.ofMinutes(15)), SUBMITTED.plusSeconds(675), "test", 1, false, "test");
        return new IncidentOpened(new IncidentId(incident), new ContractId("contoso"), 1, "title", "azure-virtual-machines",
                Channel.PHONE, Severity.SEV_1, false, null, SUBMITTED, decision);
    }

    private static FirstResponseAtRisk atRisk(IncidentOpened opened) {
        SlaDecision decision = opened.firstResponse();
        return new FirstResponseAtRisk(opened.incidentId(), opened.contractId(), opened.severity(), opened.product(),
                decision.program(), decision.rule(), decision.target(), decision.clock(), opened.submittedAt(),
                decision.atRiskAt(), decision.dueAt(), decision.atRiskAt().plusMillis(2));
    }

    private static FirstResponseBreached breached(IncidentOpened opened) {
        SlaDecision decision = opened.firstResponse();
        return new FirstResponseBreached(opened.incidentId(), opened.contractId(), opened.severity(), opened.product(),
                decision.program(), decision.rule(), decision.target(), decision.clock(), opened.submittedAt(),
                decision.dueAt(), decision.dueAt().plusMillis(3));
    }

    private static FirstResponseRecorded responded(IncidentOpened opened) {
        return new FirstResponseRecorded(opened.incidentId(), SUBMITTED.plus(Duration.ofMinutes(5)), Channel.PHONE, "eng-7",
                opened.firstResponse().dueAt(), FirstResponseStatus.MET);
    }

    private static EventMessage<?> event(IncidentOpened opened, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Incident", "incident:" + opened.incidentId().value(), sequence, payload);
    }

    private void handleInOneBatch(List<EventMessage<?>> events) {
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(events);
        batch.executeWithResult(() -> projector.handle(batch.getMessage()), RollbackConfigurationType.ANY_THROWABLE);
    }

    @Test
    void a_batch_reads_its_incidents_rows_with_one_query_applies_its_events_in_order_and_writes_each_row_once() {
        IncidentOpened first = opened("INC-1");
        IncidentOpened second = opened("INC-2");
        handleInOneBatch(List.of(event(first, 0, first), event(second, 0, second), event(first, 1, atRisk(first)),
                event(second, 1, responded(second)), event(first, 2, breached(first))));

        assertThat(readModel.locks).containsExactly(Set.of("INC-1", "INC-2"));
        assertThat(readModel.saves).hasSize(1);
        assertThat(readModel.saves.get(0)).extracting(SlaRow::incidentId).containsExactly("INC-1", "INC-2");
        assertThat(told).as("the live stream hears of the rows written, once").containsExactly(readModel.saves.get(0));
        SlaRow breachedRow = readModel.table.get("INC-1");
        assertThat(breachedRow.status()).isEqualTo(FirstResponseStatus.BREACHED);
        assertThat(breachedRow.warned()).isTrue();
        assertThat(breachedRow.breachAlertAt()).isEqualTo(first.firstResponse().dueAt().plusMillis(3));
        assertThat(breachedRow.lastSequence()).isEqualTo(2);
        assertThat(readModel.table.get("INC-2").status()).isEqualTo(FirstResponseStatus.MET);
        assertThat(readModel.table.get("INC-2").lastSequence()).isEqualTo(1);
    }

    @Test
    void events_already_applied_change_nothing_and_a_batch_of_them_writes_nothing() {
        IncidentOpened first = opened("INC-1");
        List<EventMessage<?>> history = List.of(event(first, 0, first), event(first, 1, atRisk(first)),
                event(first, 2, breached(first)));
        handleInOneBatch(history);
        SlaRow built = readModel.table.get("INC-1");

        handleInOneBatch(history);
        handleInOneBatch(List.of(event(first, 1, atRisk(first))));

        assertThat(readModel.table.get("INC-1")).isEqualTo(built);
        assertThat(readModel.saves).as("only the first batch wrote").hasSize(1);
        assertThat(told).as("nor is the live stream told of anything else").hasSize(1);
    }

    @Test
    void a_replay_from_the_middle_of_a_history_applies_only_what_is_new() {
        IncidentOpened first = opened("INC-1");
        handleInOneBatch(List.of(event(first, 0, first), event(first, 1, atRisk(first))));

        handleInOneBatch(List.of(event(first, 0, first), event(first, 1, atRisk(first)), event(first, 2, responded(first))));

        assertThat(readModel.table.get("INC-1").status()).isEqualTo(FirstResponseStatus.MET);
        assertThat(readModel.table.get("INC-1").warned()).isTrue();
        assertThat(readModel.table.get("INC-1").lastSequence()).isEqualTo(2);
    }

    @Test
    void a_batch_that_fails_after_handling_its_events_writes_nothing() {
        IncidentOpened first = opened("INC-1");
        IncidentOpened second = opened("INC-2");
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(List.of(event(first, 0, first), event(second, 0, second)));
        batch.executeWithResult(() -> {
            Object handled = projector.handle(batch.getMessage());
            if (batch.isLastMessage()) {
                throw new IllegalStateException("the database went away");
            }
            return handled;
        }, RollbackConfigurationType.ANY_THROWABLE);

        assertThat(readModel.saves).isEmpty();
        assertThat(readModel.table).isEmpty();
        assertThat(told).isEmpty();
    }

    @Test
    void an_sla_that_ends_is_counted_by_outcome_once_its_batch_commits_and_never_again() {
        IncidentOpened first = opened("INC-1");
        IncidentOpened second = opened("INC-2");
        List<EventMessage<?>> firstBatch = List.of(event(first, 0, first), event(first, 1, breached(first)),
                event(second, 0, second));
        handleInOneBatch(firstBatch);
        assertThat(outcomes("breached")).isEqualTo(1);
        assertThat(meters.find(SlaOutcomeMetrics.COUNTER).tags("outcome", "met", "severity", "1", "program", "UNIFIED").counter())
                .as("registered at zero once an SLA of its kind is pending, so that its first increase shows").isNotNull()
                .extracting(Counter::count).isEqualTo(0.0);

        BatchingUnitOfWork<EventMessage<?>> failing = new BatchingUnitOfWork<>(List.of(event(second, 1, responded(second))));
        failing.executeWithResult(() -> {
            projector.handle(failing.getMessage());
            throw new IllegalStateException("the database went away");
        }, RollbackConfigurationType.ANY_THROWABLE);
        assertThat(outcomes("met")).as("a batch rolled back counts nothing").isZero();

        handleInOneBatch(List.of(event(second, 1, responded(second))));
        handleInOneBatch(firstBatch);
        handleInOneBatch(List.of(event(second, 1, responded(second))));

        assertThat(outcomes("met")).isEqualTo(1);
        assertThat(outcomes("breached")).as("a replay counts nothing again").isEqualTo(1);
    }

    private double outcomes(String outcome) {
        Counter counter = meters.find(SlaOutcomeMetrics.COUNTER).tags("outcome", outcome, "severity", "1", "program", "UNIFIED")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void an_event_before_its_incidents_opening_is_left_out_and_the_rest_of_the_batch_is_applied() {
        IncidentOpened first = opened("INC-1");
        IncidentOpened second = opened("INC-2");
        handleInOneBatch(List.of(event(first, 1, atRisk(first)), event(second, 0, second)));

        assertThat(readModel.table).containsOnlyKeys("INC-2");
    }
}
