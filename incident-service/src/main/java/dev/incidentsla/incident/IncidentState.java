package dev.incidentsla.incident;

import dev.incidentsla.api.FirstResponseStatus;
import dev.incidentsla.api.SlaDecision;
import dev.incidentsla.api.SlaTimer;
import dev.incidentsla.api.TimerParty;
import dev.incidentsla.api.TimerStatus;
import dev.incidentsla.api.incident.CritSitAssigned;
import dev.incidentsla.api.incident.FirstResponseAtRisk;
import dev.incidentsla.api.incident.FirstResponseBreached;
import dev.incidentsla.api.incident.FirstResponseRecorded;
import dev.incidentsla.api.incident.IncidentClosed;
import dev.incidentsla.api.incident.IncidentDeadlineEvent;
import dev.incidentsla.api.incident.IncidentEvent;
import dev.incidentsla.api.incident.IncidentMitigated;
import dev.incidentsla.api.incident.IncidentOpened;
import dev.incidentsla.api.incident.IncidentRegraded;
import dev.incidentsla.api.incident.TimerAtRisk;
import dev.incidentsla.api.incident.TimerBreached;
import dev.incidentsla.api.incident.TimerClockStarted;
import dev.incidentsla.api.incident.TimerId;
import dev.incidentsla.api.incident.TimerStarted;
import dev.incidentsla.api.incident.TimerStopped;
import dev.incidentsla.sla.engine.ContractTerms;
import dev.incidentsla.sla.engine.FirstResponseSla;
import dev.incidentsla.sla.engine.IncidentFacts;
import dev.incidentsla.sla.engine.IncidentTimers;
import dev.incidentsla.sla.engine.TimerSla;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An incident folded from its stored events only, with no re-computation under today's policy: the
 * aggregate's state, the view's source and the SLA replay as of an instant. A recorded warning or breach belongs to
 * the deadline it names: in a replay as of an instant, one about a deadline that is no longer the SLA's changes nothing.
 */
record IncidentState(IncidentOpened opened, IncidentFacts facts, FirstResponseSla firstResponse, IncidentClosed closed,
                     Instant lastOccurredAt, IncidentTimers timers, Instant mitigatedAt) {

    /** The first response's id among the incident's timers: it has one instance only. */
    static final String FIRST_RESPONSE_ID = "first-response";

    static IncidentState of(IncidentOpened opened) {
        IncidentFacts facts = new IncidentFacts(opened.severity(), opened.product(), opened.channel(), opened.aroundTheClock(),
                opened.eventId(), opened.submittedAt(), opened.supportLocation());
        return new IncidentState(opened, facts, FirstResponseSla.pending(opened.firstResponse()), null, opened.submittedAt(),
                IncidentTimers.NONE, null);
    }

    /** The state after one more event; the first event of every incident is {@link IncidentOpened}. */
    static IncidentState apply(IncidentState state, IncidentEvent event) {
        if (state == null) {
            return of((IncidentOpened) event);
        }
        if (event instanceof IncidentRegraded regraded) {
            FirstResponseSla after = state.firstResponse.withDecision(regraded.firstResponse());
            return new IncidentState(state.opened, state.facts.regradedTo(regraded.severity(), regraded.aroundTheClock()),
                    regraded.firstResponseStatus() == FirstResponseStatus.BREACHED ? after.breach() : after, state.closed,
                    regraded.at(), state.timers,
                    state.mitigatedAt);
        }
        if (event instanceof FirstResponseRecorded recorded) {
            return new IncidentState(state.opened, state.facts, state.firstResponse.respond(recorded.respondedAt()),
                    state.closed, recorded.respondedAt(), state.timers,
                    state.mitigatedAt);
        }
        if (event instanceof IncidentClosed closing) {
            return new IncidentState(state.opened, state.facts, state.firstResponse.close(closing.closedAt()), closing,
                    closing.closedAt(), state.timers,
                    state.mitigatedAt);
        }
        if (event instanceof IncidentMitigated mitigated) {
            return state.withTimers(state.timers, mitigated.at(), mitigated.at());
        }
        if (event instanceof CritSitAssigned assigned) {
            return state.withTimers(state.timers, state.mitigatedAt, assigned.at());
        }
        if (event instanceof TimerStarted started) {
            return state.withTimers(state.timers.with(TimerSla.pending(started.timerId(), started.timer(), started.party(),
                    started.rule(), started.program(), started.requestedAt(), started.startedAt(), started.dueAt(), started.atRiskAt(),
                    started.target(), started.clock(), started.policyVersion(), started.explanation())), state.mitigatedAt,
                    started.requestedAt());
        }
        if (event instanceof TimerClockStarted clockStarted) {
            TimerSla timer = state.timer(clockStarted.timerId());
            return state.withTimers(state.timers.with(timer.clockStarted(clockStarted.startedAt(), clockStarted.dueAt(),
                    clockStarted.atRiskAt(), clockStarted.explanation())), state.mitigatedAt, clockStarted.startedAt());
        }
        if (event instanceof TimerStopped stopped) {
            TimerSla timer = state.timer(stopped.timerId());
            return state.withTimers(state.timers.with(timer.stopped(stopped.status(), stopped.stoppedAt())),
                    state.mitigatedAt, stopped.stoppedAt());
        }
        if (event instanceof TimerAtRisk atRisk) {
            TimerSla timer = state.timer(atRisk.timerId());
            return timer.dueAt() == null || !timer.dueAt().equals(atRisk.dueAt()) ? state
                    : state.withTimers(state.timers.with(timer.warned(atRisk.detectedAt())), state.mitigatedAt,
                    state.lastOccurredAt);
        }
        if (event instanceof TimerBreached breached) {
            TimerSla timer = state.timer(breached.timerId());
            return timer.dueAt() == null || !timer.dueAt().equals(breached.dueAt()) ? state
                    : state.withTimers(state.timers.with(timer.breachRecorded(breached.detectedAt())), state.mitigatedAt,
                    state.lastOccurredAt);
        }
        if (event instanceof IncidentDeadlineEvent fact && !fact.dueAt().equals(state.firstResponse.dueAt())) {
            return state;
        }
        if (event instanceof FirstResponseAtRisk atRisk) {
            return new IncidentState(state.opened, state.facts, state.firstResponse.warned(atRisk.detectedAt()), state.closed,
                    state.lastOccurredAt, state.timers,
                    state.mitigatedAt);
        }
        if (event instanceof FirstResponseBreached breached) {
            return new IncidentState(state.opened, state.facts, state.firstResponse.breachRecorded(breached.detectedAt()),
                    state.closed, state.lastOccurredAt, state.timers,
                    state.mitigatedAt);
        }
        throw new IllegalStateException("an incident is opened once: " + event);
    }

    /** The state after these events, or null when there are none. */
    static IncidentState fold(Iterable<IncidentEvent> events) {
        IncidentState state = null;
        for (IncidentEvent event : events) {
            state = apply(state, event);
        }
        return state;
    }

    private IncidentState withTimers(IncidentTimers newTimers, Instant newMitigatedAt, Instant occurredAt) {
        return new IncidentState(opened, facts, firstResponse, closed, occurredAt, newTimers, newMitigatedAt);
    }

    TimerSla timer(TimerId id) {
        return timers.find(id).orElseThrow(() -> new IllegalStateException("incident " + opened.incidentId().value()
                + " has no timer " + id.value()));
    }

        boolean isClosed() {
        return closed != null;
    }

    /**
     * @param now the instant the SLA status is judged at
     * @param sequence the incident's last event's sequence number
     */
    IncidentView view(Instant now, long sequence) {
        SlaDecision decision = firstResponse.decision();
        return new IncidentView(opened.incidentId().value(), opened.contractId().value(), opened.contractVersion(),
                facts.severity(), isClosed() ? "CLOSED" : "OPEN", opened.product(), opened.channel(), facts.aroundTheClock(),
                opened.submittedAt(), opened.eventId(), opened.title(),
                opened.supportLocation() == null ? ContractTerms.PRIMARY_LOCATION_ID : opened.supportLocation(),
                isClosed() ? closed.closedAt() : null, isClosed() ? closed.resolution() : null,
                new IncidentView.FirstResponse(decision.dueAt(), decision.target(), decision.clock(), decision.program(),
                        decision.rule(), firstResponse.statusAt(now), firstResponse.respondedAt(), decision.atRiskAt(),
                        decision.clockStartedAt(), decision.policyVersion(), decision.seniorIncidentManager(),
                        decision.explanation(), firstResponse.warnedAt(), firstResponse.breachRecordedAt()),
                timersView(now), sequence);
    }

    private List<IncidentView.Timer> timersView(Instant now) {
        SlaDecision decision = firstResponse.decision();
        FirstResponseStatus firstResponseStatus = firstResponse.statusAt(now);
        List<IncidentView.Timer> all = new ArrayList<>();
        all.add(new IncidentView.Timer(FIRST_RESPONSE_ID, SlaTimer.FIRST_RESPONSE, TimerParty.MICROSOFT,
                decision.clockStartedAt(), decision.dueAt(), decision.target().toString(), decision.clock(),
                TimerStatus.valueOf(firstResponseStatus.name()),
                firstResponseStatus == FirstResponseStatus.MET ? firstResponse.respondedAt() : null, decision.rule(),
                opened.submittedAt(), decision.atRiskAt(), firstResponse.stoppedAt(), firstResponse.warnedAt(),
                firstResponse.breachRecordedAt(), decision.explanation()));
        for (TimerSla timer : timers.all()) {
            TimerStatus status = timer.statusAt(now);
            all.add(new IncidentView.Timer(timer.id().value(), timer.timer(), timer.party(), timer.startedAt(),
                    timer.dueAt(), timer.target(), timer.clock(), status, status == TimerStatus.MET ? timer.stoppedAt() : null,
                    timer.rule(), timer.requestedAt(), timer.atRiskAt(), timer.stoppedAt(), timer.warnedAt(),
                    timer.breachRecordedAt(), timer.explanation()));
        }
        return all;
    }
}
