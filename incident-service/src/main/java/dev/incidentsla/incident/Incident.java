package dev.incidentsla.incident;

import dev.incidentsla.api.SlaDecision;
import dev.incidentsla.api.incident.CloseIncident;
import dev.incidentsla.api.incident.FirstResponseRecorded;
import dev.incidentsla.api.incident.IncidentClosed;
import dev.incidentsla.api.incident.IncidentEvent;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.api.incident.IncidentOpened;
import dev.incidentsla.api.incident.IncidentRegraded;
import dev.incidentsla.api.incident.OpenIncident;
import dev.incidentsla.api.incident.RecordFirstResponse;
import dev.incidentsla.api.incident.RegradeIncident;
import dev.incidentsla.service.ConflictException;
import dev.incidentsla.service.RuleViolationException;
import dev.incidentsla.sla.engine.FirstResponseSla;
import dev.incidentsla.sla.engine.IncidentFacts;
import dev.incidentsla.sla.engine.RegradeOutcome;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An incident and its first-call-response SLA. It validates each command against its history and asks the
 * SLA engine for every decision; it never computes a date itself.
 */
@Aggregate
public class Incident {

    @AggregateIdentifier
    private IncidentId incidentId;
    private IncidentState state;

    protected Incident() {
    }

    @CommandHandler
    public Incident(OpenIncident command, SlaDecisions decisions) {
        IncidentFacts facts = new IncidentFacts(command.severity(), command.product(), command.channel(),
                command.aroundTheClock(), command.eventId(), command.submittedAt());
        SlaDecision decision = decisions.opening(command.contractId(), facts);
        apply(new IncidentOpened(command.incidentId(), command.contractId(), decision.contractVersion(), command.title(),
                command.product(), command.channel(), command.severity(), command.aroundTheClock(), command.eventId(),
                command.submittedAt(), decision));
    }

    @CommandHandler
    public void handle(RegradeIncident command, SlaDecisions decisions) {
        requireOpen("re-grade");
        requireNotBeforeHistory(command.at(), "at");
        IncidentFacts facts = state.facts();
        boolean aroundTheClock = command.aroundTheClock() == null ? facts.aroundTheClock() : command.aroundTheClock();
        if (command.severity() == facts.severity() && aroundTheClock == facts.aroundTheClock()) {
            return;
        }
        RegradeOutcome outcome = decisions.regrade(state.opened().contractId(), state.opened().contractVersion(), facts,
                state.firstResponse(), command.severity(), aroundTheClock, command.at());
        apply(new IncidentRegraded(incidentId, facts.severity(), facts.aroundTheClock(), command.severity(),
                aroundTheClock, command.reason(), command.at(), outcome.effect(), outcome.sla().decision(),
                outcome.sla().status()));
    }

    @CommandHandler
    public void handle(RecordFirstResponse command) {
        requireOpen("record a first response on");
        requireNotBeforeHistory(command.respondedAt(), "respondedAt");
        if (state.firstResponse().respondedAt() != null) {
            throw new ConflictException("incident " + incidentId.value() + " already has its first response, at "
                    + state.firstResponse().respondedAt());
        }
        FirstResponseSla responded = state.firstResponse().respond(command.respondedAt());
        apply(new FirstResponseRecorded(incidentId, command.respondedAt(), command.channel(), command.engineer(),
                responded.dueAt(), responded.status()));
    }

    @CommandHandler
    public void handle(CloseIncident command) {
        requireOpen("close");
        requireNotBeforeHistory(command.closedAt(), "closedAt");
        apply(new IncidentClosed(incidentId, command.closedAt(), command.resolution(),
                state.firstResponse().close(command.closedAt()).status()));
    }

    private void requireOpen(String action) {
        if (state.isClosed()) {
            throw new ConflictException("incident " + incidentId.value() + " is closed: cannot " + action + " it");
        }
    }

    private void requireNotBeforeHistory(Instant instant, String field) {
        if (instant.isBefore(state.lastOccurredAt())) {
            throw new RuleViolationException(field + " " + instant + " precedes the incident's last recorded instant "
                    + state.lastOccurredAt());
        }
    }

    @EventSourcingHandler
    void on(IncidentEvent event) {
        incidentId = event.incidentId();
        state = IncidentState.apply(state, event);
    }
}
