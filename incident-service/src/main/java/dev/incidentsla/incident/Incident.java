package dev.incidentsla.incident;

import dev.incidentsla.api.FirstResponseStatus;
import dev.incidentsla.api.SlaDecision;
import dev.incidentsla.api.incident.CloseIncident;
import dev.incidentsla.api.incident.FirstResponseAtRisk;
import dev.incidentsla.api.incident.FirstResponseBreached;
import dev.incidentsla.api.incident.FirstResponseRecorded;
import dev.incidentsla.api.incident.IncidentClosed;
import dev.incidentsla.api.incident.IncidentEvent;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.api.incident.IncidentOpened;
import dev.incidentsla.api.incident.IncidentRegraded;
import dev.incidentsla.api.incident.OpenIncident;
import dev.incidentsla.api.incident.RecordFirstResponse;
import dev.incidentsla.api.incident.RegradeIncident;
import dev.incidentsla.api.incident.ResumeDeadlines;
import dev.incidentsla.incident.FirstResponseDeadlines.AtRiskInstantPassed;
import dev.incidentsla.incident.FirstResponseDeadlines.DueInstantPassed;
import dev.incidentsla.service.ConflictException;
import dev.incidentsla.service.RuleViolationException;
import dev.incidentsla.sla.engine.FirstResponseSla;
import dev.incidentsla.sla.engine.IncidentFacts;
import dev.incidentsla.sla.engine.RegradeOutcome;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An incident and its first-call-response SLA. It validates each command against its history and asks the
 * SLA engine for every decision; it never computes a date itself. It also notices its own instants passing
 * (deadlines it scheduled) and records the at-risk and breach facts, under the same optimistic concurrency as
 * every command, so that a response racing a breach is decided here and nowhere else.
 * <p>
 * Every command answers the incident's view as it stands after the command, so that a client's request costs one
 * read of the history (the command's own load) and no second one.
 */
@Aggregate
public class Incident {

    @AggregateIdentifier
    private IncidentId incidentId;
    private IncidentState state;
    private long lastSequence;

    protected Incident() {
    }

    /** A creation handler rather than a constructor, so that it can answer the view like every other command. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public IncidentView handle(OpenIncident command, SlaDecisions decisions, DeadlineManager deadlines, Clock clock) {
        IncidentFacts facts = new IncidentFacts(command.severity(), command.product(), command.channel(),
                command.aroundTheClock(), command.eventId(), command.submittedAt());
        SlaDecision decision = decisions.opening(command.contractId(), facts);
        apply(new IncidentOpened(command.incidentId(), command.contractId(), decision.contractVersion(), command.title(),
                command.product(), command.channel(), command.severity(), command.aroundTheClock(), command.eventId(),
                command.submittedAt(), decision))
                .andThen(() -> FirstResponseDeadlines.schedule(incidentId, state.firstResponse(), deadlines));
        return view(clock);
    }

    @CommandHandler
    public IncidentView handle(RegradeIncident command, SlaDecisions decisions, DeadlineManager deadlines, Clock clock) {
        requireOpen("re-grade");
        Instant at = instantOf(command.at(), "at", clock);
        recordBreachPassedBefore(at, clock);
        IncidentFacts facts = state.facts();
        boolean aroundTheClock = command.aroundTheClock() == null ? facts.aroundTheClock() : command.aroundTheClock();
        if (command.severity() == facts.severity() && aroundTheClock == facts.aroundTheClock()) {
            return view(clock);
        }
        FirstResponseSla before = state.firstResponse();
        RegradeOutcome outcome = decisions.regrade(state.opened().contractId(), state.opened().contractVersion(), facts,
                state.firstResponse(), command.severity(), aroundTheClock, at);
        apply(new IncidentRegraded(incidentId, facts.severity(), facts.aroundTheClock(), command.severity(),
                aroundTheClock, command.reason(), at, outcome.effect(), outcome.sla().decision(),
                outcome.sla().status()));
        FirstResponseSla after = state.firstResponse();
        if (after.status() == FirstResponseStatus.PENDING && (!after.dueAt().equals(before.dueAt())
                || !after.decision().atRiskAt().equals(before.decision().atRiskAt()))) {
            FirstResponseDeadlines.schedule(incidentId, after, deadlines);
        }
        return view(clock);
    }

    @CommandHandler
    public IncidentView handle(RecordFirstResponse command, Clock clock) {
        requireOpen("record a first response on");
        Instant respondedAt = instantOf(command.respondedAt(), "respondedAt", clock);
        if (state.firstResponse().respondedAt() != null) {
            throw new ConflictException("incident " + incidentId.value() + " already has its first response, at "
                    + state.firstResponse().respondedAt());
        }
        recordBreachPassedBefore(respondedAt, clock);
        FirstResponseSla responded = state.firstResponse().respond(respondedAt);
        apply(new FirstResponseRecorded(incidentId, respondedAt, command.channel(), command.engineer(),
                responded.dueAt(), responded.status()));
        return view(clock);
    }

    @CommandHandler
    public IncidentView handle(CloseIncident command, Clock clock) {
        requireOpen("close");
        Instant closedAt = instantOf(command.closedAt(), "closedAt", clock);
        recordBreachPassedBefore(closedAt, clock);
        apply(new IncidentClosed(incidentId, closedAt, command.resolution(), state.firstResponse().close(closedAt).status()));
        return view(clock);
    }

    private IncidentView view(Clock clock) {
        return state.view(clock.instant(), lastSequence);
    }

    /**
     * History stored before deadlines were the incident's own facts: schedule what may still be recorded, which
     * includes the breach of an SLA that a late response or close stopped while no breach was recorded.
     */
    @CommandHandler
    public void handle(ResumeDeadlines command, DeadlineManager deadlines) {
        FirstResponseSla sla = state.firstResponse();
        if (sla.status() == FirstResponseStatus.PENDING && !state.isClosed()) {
            FirstResponseDeadlines.schedule(incidentId, sla, deadlines);
        } else if (sla.status() == FirstResponseStatus.BREACHED && sla.breachRecordedAt() == null) {
            FirstResponseDeadlines.scheduleBreach(incidentId, sla.dueAt(), deadlines);
        }
    }

    /**
     * Records the warning when it still falls due, and hands over to the breach deadline when this at-risk deadline is
     * still the SLA's and its breach may yet be recorded (a late response or close leaves one to record).
     */
    @DeadlineHandler(deadlineName = FirstResponseDeadlines.AT_RISK)
    void on(AtRiskInstantPassed deadline, DeadlineManager deadlines, Clock clock) {
        Instant now = clock.instant();
        FirstResponseSla sla = state.firstResponse();
        if (!state.isClosed() && sla.atRiskFallsDue(deadline.atRiskAt(), now)) {
            SlaDecision decision = sla.decision();
            apply(new FirstResponseAtRisk(incidentId, state.opened().contractId(), state.facts().severity(),
                    state.opened().product(), decision.program(), decision.rule(), decision.target(), decision.clock(),
                    state.opened().submittedAt(), decision.atRiskAt(), decision.dueAt(), now));
        }
        if (state.firstResponse().breachMayFallDue(deadline.atRiskAt(), deadline.dueAt())) {
            FirstResponseDeadlines.scheduleBreach(incidentId, deadline.dueAt(), deadlines);
        }
    }

    /** Also on a closed incident: a close after the deadline breached the SLA, and the breach is a fact to record. */
    @DeadlineHandler(deadlineName = FirstResponseDeadlines.BREACH)
    void on(DueInstantPassed deadline, Clock clock) {
        Instant now = clock.instant();
        if (state.firstResponse().breachFallsDue(deadline.dueAt(), now)) {
            recordBreach(now);
        }
    }

    /**
     * A command judged at an instant after the deadline, while no breach is recorded yet and the deadline has passed
     * (its deadline has not fired yet: a node is failing over): the breach comes first in the history. A command
     * dated after a deadline that is still ahead (the allowed clock skew) leaves the breach to its deadline.
     */
    private void recordBreachPassedBefore(Instant commandInstant, Clock clock) {
        FirstResponseSla sla = state.firstResponse();
        Instant now = clock.instant();
        if (sla.breachFallsDue(sla.dueAt(), commandInstant) && now.isAfter(sla.dueAt())) {
            recordBreach(now);
        }
    }

    private void recordBreach(Instant detectedAt) {
        SlaDecision decision = state.firstResponse().decision();
        apply(new FirstResponseBreached(incidentId, state.opened().contractId(), state.facts().severity(),
                state.opened().product(), decision.program(), decision.rule(), decision.target(), decision.clock(),
                state.opened().submittedAt(), decision.dueAt(), detectedAt));
    }

    private void requireOpen(String action) {
        if (state.isClosed()) {
            throw new ConflictException("incident " + incidentId.value() + " is closed: cannot " + action + " it");
        }
    }

    /**
     * The instant a command is about. A client's instant must not precede the history. Without one, the incident
     * chooses it here, against the history it has just loaded: now by this node's clock, as stored, but never before
     * the last recorded instant, since a command that committed first may carry a later instant (another node's clock
     * may run ahead of this one's). An instant taken before the command was sent could precede what committed in
     * between; a retry after a concurrency conflict runs this handler again and chooses again.
     */
    private Instant instantOf(Instant requested, String field, Clock clock) {
        if (requested != null) {
            requireNotBeforeHistory(requested, field);
            return requested;
        }
        Instant now = StoredInstants.stored(clock.instant());
        return now.isBefore(state.lastOccurredAt()) ? state.lastOccurredAt() : now;
    }

    private void requireNotBeforeHistory(Instant instant, String field) {
        if (instant.isBefore(state.lastOccurredAt())) {
            throw new RuleViolationException(field + " " + instant + " precedes the incident's last recorded instant "
                    + state.lastOccurredAt());
        }
    }

    @EventSourcingHandler
    void on(IncidentEvent event, @SequenceNumber long sequence) {
        incidentId = event.incidentId();
        lastSequence = sequence;
        state = IncidentState.apply(state, event);
    }
}
