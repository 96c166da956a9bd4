package dev.incidentsla.incident;

import dev.incidentsla.api.FirstResponseStatus;
import dev.incidentsla.api.RegradeReasonCode;
import dev.incidentsla.api.SlaDecision;
import dev.incidentsla.api.SlaTimer;
import dev.incidentsla.api.incident.AskCustomer;
import dev.incidentsla.api.incident.AssignCritSit;
import dev.incidentsla.api.incident.CloseIncident;
import dev.incidentsla.api.incident.CritSitAssigned;
import dev.incidentsla.api.incident.DeliverRca;
import dev.incidentsla.api.incident.FirstResponseAtRisk;
import dev.incidentsla.api.incident.FirstResponseBreached;
import dev.incidentsla.api.incident.FirstResponseRecorded;
import dev.incidentsla.api.incident.IncidentClosed;
import dev.incidentsla.api.incident.IncidentEvent;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.api.incident.IncidentMitigated;
import dev.incidentsla.api.incident.IncidentOpened;
import dev.incidentsla.api.incident.IncidentRegraded;
import dev.incidentsla.api.incident.OpenIncident;
import dev.incidentsla.api.incident.RecordCustomerAnswer;
import dev.incidentsla.api.incident.RecordFirstResponse;
import dev.incidentsla.api.incident.RecordMitigation;
import dev.incidentsla.api.incident.RegradeIncident;
import dev.incidentsla.api.incident.RequestRca;
import dev.incidentsla.api.incident.ResumeDeadlines;
import dev.incidentsla.api.incident.TimerAtRisk;
import dev.incidentsla.api.incident.TimerBreached;
import dev.incidentsla.api.incident.TimerClockStarted;
import dev.incidentsla.api.incident.TimerStarted;
import dev.incidentsla.api.incident.TimerStopped;
import dev.incidentsla.incident.FirstResponseDeadlines.AtRiskInstantPassed;
import dev.incidentsla.incident.FirstResponseDeadlines.DueInstantPassed;
import dev.incidentsla.incident.TimerDeadlines.TimerAtRiskInstantPassed;
import dev.incidentsla.incident.TimerDeadlines.TimerDueInstantPassed;
import dev.incidentsla.service.CommandTargets;
import dev.incidentsla.service.ConflictException;
import dev.incidentsla.service.RuleViolationException;
import dev.incidentsla.sla.engine.FirstResponseSla;
import dev.incidentsla.sla.engine.IncidentFacts;
import dev.incidentsla.sla.engine.RegradeOutcome;
import dev.incidentsla.sla.engine.TimerSla;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An incident, its first-call-response SLA and its other timers (SLA-RULES section 9). It validates each command
 * against its history and asks the SLA engine for every decision; it never computes a date itself. It also notices its
 * own instants passing (deadlines it scheduled) and records the at-risk and breach facts, under the same optimistic
 * concurrency as every command, so that a response racing a breach is decided here and nowhere else.
 * <p>
 * Every command answers the incident's view as it stands after the command, so that a client's request costs one
 * read of the history (the command's own load) and no second one.
 */
@Aggregate(commandTargetResolver = CommandTargets.BEAN)
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
                command.aroundTheClock(), command.eventId(), command.submittedAt(), command.supportLocation());
        SlaDecisions.Opening opening = decisions.open(command.contractId(), facts);
        SlaDecision decision = opening.firstResponse();
        apply(new IncidentOpened(command.incidentId(), command.contractId(), decision.contractVersion(), command.title(),
                command.product(), command.channel(), command.severity(), command.aroundTheClock(), command.eventId(),
                command.submittedAt(), decision, opening.supportLocation()))
                .andThen(() -> FirstResponseDeadlines.schedule(incidentId, state.firstResponse(), deadlines));
        for (TimerSla timer : decisions.timersAtSubmission(state.opened().contractId(), state.opened().contractVersion(),
                state.facts())) {
            startTimer(timer, deadlines);
        }
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
        RegradeReasonCode reasonCode = command.reasonCode() == null ? RegradeReasonCode.OTHER : command.reasonCode();
        apply(new IncidentRegraded(incidentId, facts.severity(), facts.aroundTheClock(), command.severity(),
                aroundTheClock, command.reason(), reasonCode, at, outcome.effect(), outcome.sla().decision(),
                outcome.sla().status()));
        cancelTimers(decisions.timersCancelledByRegrade(state.timers(), command.severity(), at));
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
    public IncidentView handle(CloseIncident command, SlaDecisions decisions, Clock clock) {
        requireOpen("close");
        Instant closedAt = instantOf(command.closedAt(), "closedAt", clock);
        recordBreachPassedBefore(closedAt, clock);
        apply(new IncidentClosed(incidentId, closedAt, command.resolution(), state.firstResponse().close(closedAt).status()));
        cancelTimers(decisions.timersCancelledByClose(state.timers(), closedAt));
        return view(clock);
    }

    /** A crit-sit resource was assigned: recorded whatever the timers, and the pending crit-sit timer stops with it. */
    @CommandHandler
    public IncidentView handle(AssignCritSit command, Clock clock) {
        requireOpen("record a crit-sit assignment on");
        Instant at = instantOf(command.at(), "at", clock);
        recordBreachPassedBefore(at, clock);
        apply(new CritSitAssigned(incidentId, at, command.engineer()));
        state.timers().latest(SlaTimer.CRIT_SIT_ASSIGNMENT).ifPresent(timer -> stopTimer(timer, at));
        return view(clock);
    }

    /** Also on a closed incident: the customer may request an RCA for some days after the closure. */
    @CommandHandler
    public IncidentView handle(RequestRca command, SlaDecisions decisions, DeadlineManager deadlines, Clock clock) {
        Instant at = instantOf(command.at(), "at", clock);
        state.timers().latest(SlaTimer.ROOT_CAUSE_ANALYSIS).ifPresent(requested -> {
            throw new ConflictException("incident " + incidentId.value() + " has its root-cause analysis requested already, at "
                    + requested.requestedAt());
        });
        recordBreachPassedBefore(at, clock);
        startTimer(decisions.requestRca(state.opened().contractId(), state.opened().contractVersion(), state.facts(),
                state.timers(), at, state.mitigatedAt(), state.isClosed() ? state.closed().closedAt() : null), deadlines);
        return view(clock);
    }

    /** Recorded once, also on a closed incident; a requested RCA waiting for it starts its clock. */
    @CommandHandler
    public IncidentView handle(RecordMitigation command, SlaDecisions decisions, DeadlineManager deadlines, Clock clock) {
        Instant at = instantOf(command.at(), "at", clock);
        if (state.mitigatedAt() != null) {
            throw new ConflictException("incident " + incidentId.value() + " was mitigated already, at " + state.mitigatedAt());
        }
        recordBreachPassedBefore(at, clock);
        apply(new IncidentMitigated(incidentId, at));
        Optional<TimerSla> waiting = state.timers().latest(SlaTimer.ROOT_CAUSE_ANALYSIS)
                .filter(rca -> !rca.hasClock() && !rca.status().isStopped());
        if (waiting.isPresent()) {
            TimerSla started = decisions.rcaMitigated(state.opened().contractId(), state.opened().contractVersion(),
                    state.facts(), waiting.get(), at);
            apply(new TimerClockStarted(incidentId, started.id(), started.timer(), started.startedAt(), started.dueAt(),
                    started.atRiskAt(), started.explanation()));
            TimerDeadlines.schedule(incidentId, started, deadlines);
        }
        return view(clock);
    }

    @CommandHandler
    public IncidentView handle(DeliverRca command, Clock clock) {
        Instant at = instantOf(command.at(), "at", clock);
        TimerSla rca = state.timers().latest(SlaTimer.ROOT_CAUSE_ANALYSIS).orElseThrow(() -> new ConflictException(
                "incident " + incidentId.value() + " has no root-cause analysis requested"));
        if (rca.status().isStopped()) {
            throw new ConflictException("incident " + incidentId.value() + " has its root-cause analysis delivered already, at "
                    + rca.stoppedAt());
        }
        recordBreachPassedBefore(at, clock);
        stopTimer(state.timer(rca.id()), at);
        return view(clock);
    }

    /** A new customer timer; one of that kind still pending (its deadline not passed) is asked already. */
    @CommandHandler
    public IncidentView handle(AskCustomer command, SlaDecisions decisions, DeadlineManager deadlines, Clock clock) {
        requireOpen("ask the customer on");
        Instant at = instantOf(command.at(), "at", clock);
        SlaTimer timer = decisions.customerTimer(command.kind());
        state.timers().pendingAt(timer, at).ifPresent(pending -> {
            throw new ConflictException("incident " + incidentId.value() + " has asked the customer already (" + pending.id().value()
                    + ", due " + pending.dueAt() + ")");
        });
        recordBreachPassedBefore(at, clock);
        startTimer(decisions.askCustomer(state.opened().contractId(), state.opened().contractVersion(), state.facts(),
                state.timers(), command.kind(), at), deadlines);
        return view(clock);
    }

    /** Stops the latest customer timer of the kind, met or (after its deadline) breached. */
    @CommandHandler
    public IncidentView handle(RecordCustomerAnswer command, SlaDecisions decisions, Clock clock) {
        requireOpen("record a customer answer on");
        Instant at = instantOf(command.at(), "at", clock);
        SlaTimer timer = decisions.customerTimer(command.kind());
        TimerSla asked = state.timers().latest(timer).filter(candidate -> !candidate.status().isStopped())
                .orElseThrow(() -> new ConflictException("incident " + incidentId.value() + " waits for no "
                        + command.kind() + " answer from the customer"));
        recordBreachPassedBefore(at, clock);
        stopTimer(state.timer(asked.id()), at);
        return view(clock);
    }

    /** A timer that needs no program's coverage (a customer's) is owed under the incident's first-response program. */
    private void startTimer(TimerSla timer, DeadlineManager deadlines) {
        String program = timer.program() != null ? timer.program() : state.firstResponse().decision().program();
        apply(new TimerStarted(incidentId, timer.id(), timer.timer(), timer.party(), timer.rule(), program,
                timer.requestedAt(), timer.startedAt(), timer.dueAt(), timer.atRiskAt(), timer.target(), timer.clock(),
                timer.policyVersion(), timer.explanation()));
        TimerDeadlines.schedule(incidentId, timer, deadlines);
    }

    private void stopTimer(TimerSla timer, Instant at) {
        TimerSla stopped = timer.stop(at);
        if (stopped != timer) {
            apply(new TimerStopped(incidentId, timer.id(), timer.timer(), timer.party(), at, timer.dueAt(), stopped.status()));
        }
    }

    private void cancelTimers(List<TimerSla> cancelled) {
        for (TimerSla timer : cancelled) {
            apply(new TimerStopped(incidentId, timer.id(), timer.timer(), timer.party(), timer.stoppedAt(), timer.dueAt(),
                    timer.status()));
        }
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

    /** Records a timer's warning when it still falls due, and hands over to its breach deadline while that may fall due. */
    @DeadlineHandler(deadlineName = TimerDeadlines.AT_RISK)
    void on(TimerAtRiskInstantPassed deadline, DeadlineManager deadlines, Clock clock) {
        Instant now = clock.instant();
        Optional<TimerSla> found = state.timers().find(deadline.timerId());
        if (found.isEmpty()) {
            return;
        }
        TimerSla timer = found.get();
        if (timer.atRiskFallsDue(deadline.atRiskAt(), now)) {
            apply(new TimerAtRisk(incidentId, timer.id(), timer.timer(), timer.party(), state.opened().contractId(),
                    state.facts().severity(), state.opened().product(), timer.program(), timer.rule(), timer.target(),
                    timer.clock(), state.opened().submittedAt(), timer.startedAt(), timer.atRiskAt(), timer.dueAt(), now));
        }
        if (timer.breachMayFallDue(deadline.dueAt()) && deadline.atRiskAt().equals(timer.atRiskAt())) {
            TimerDeadlines.scheduleBreach(incidentId, timer.id(), deadline.dueAt(), deadlines);
        }
    }

    /** Also on a closed incident: an RCA runs on after the closure, and a late stop leaves its breach to record. */
    @DeadlineHandler(deadlineName = TimerDeadlines.BREACH)
    void on(TimerDueInstantPassed deadline, Clock clock) {
        Instant now = clock.instant();
        state.timers().find(deadline.timerId())
                .filter(timer -> timer.breachFallsDue(deadline.dueAt(), now))
                .ifPresent(timer -> recordTimerBreach(timer, now));
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
        for (TimerSla timer : state.timers().all()) {
            if (timer.hasClock() && timer.breachFallsDue(timer.dueAt(), commandInstant) && now.isAfter(timer.dueAt())) {
                recordTimerBreach(timer, now);
            }
        }
    }

    private void recordTimerBreach(TimerSla timer, Instant detectedAt) {
        apply(new TimerBreached(incidentId, timer.id(), timer.timer(), timer.party(), state.opened().contractId(),
                state.facts().severity(), state.opened().product(), timer.program(), timer.rule(), timer.target(),
                timer.clock(), state.opened().submittedAt(), timer.startedAt(), timer.dueAt(), detectedAt));
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

    /**
     * Folds the event in. The first event the incident applies in a unit of work (not one read back on load), unless
     * it is the opening, is also handed over, with the incident as it stands after it, to this node's recent folds once
     * the unit of work has committed: the incident list then moves its row on to that event without reading the
     * history again (a new row needs no fold). A command's or deadline's unit of work either owns its transaction or is
     * nested in a group's that does ({@code CommandGroups}); a nested one's after-commit work waits for the group's, so
     * that commit is the database's either way.
     */
    @EventSourcingHandler
    void on(IncidentEvent event, @SequenceNumber long sequence, RecentFolds recentFolds) {
        incidentId = event.incidentId();
        lastSequence = sequence;
        state = IncidentState.apply(state, event);
        if (AggregateLifecycle.isLive() && sequence > 0) {
            handOverOnceCommitted(recentFolds);
        }
    }

    /**
     * Once per unit of work, keyed on the current one rather than its root: a nested unit of work that rolls back must
     * not hold the place of the events that commit.
     */
    private void handOverOnceCommitted(RecentFolds recentFolds) {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        String id = incidentId.value();
        if (unitOfWork.resources().putIfAbsent(RecentFolds.class.getName() + ":" + id, Boolean.TRUE) == null) {
            FoldedIncident folded = FoldedIncident.of(state, lastSequence);
            unitOfWork.afterCommit(committed -> recentFolds.handOver(id, folded));
        }
    }
}
