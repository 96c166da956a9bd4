package dev.incidentsla.incident;

import dev.incidentsla.api.FirstResponseStatus;
import dev.incidentsla.api.SlaDecision;
import dev.incidentsla.api.incident.FirstResponseAtRisk;
import dev.incidentsla.api.incident.FirstResponseBreached;
import dev.incidentsla.api.incident.FirstResponseRecorded;
import dev.incidentsla.api.incident.IncidentClosed;
import dev.incidentsla.api.incident.IncidentDeadlineEvent;
import dev.incidentsla.api.incident.IncidentEvent;
import dev.incidentsla.api.incident.IncidentOpened;
import dev.incidentsla.api.incident.IncidentRegraded;
import dev.incidentsla.sla.engine.FirstResponseSla;
import dev.incidentsla.sla.engine.IncidentFacts;

import java.time.Instant;

/**
 * An incident folded from its stored events only, with no re-computation under today's policy: the
 * aggregate's state, the view's source and the SLA replay as of an instant. A recorded warning or breach belongs to
 * the deadline it names: in a replay as of an instant, one about a deadline that is no longer the SLA's changes nothing.
 */
record IncidentState(IncidentOpened opened, IncidentFacts facts, FirstResponseSla firstResponse, IncidentClosed closed,
                     Instant lastOccurredAt) {

    static IncidentState of(IncidentOpened opened) {
        IncidentFacts facts = new IncidentFacts(opened.severity(), opened.product(), opened.channel(), opened.aroundTheClock(),
                opened.eventId(), opened.submittedAt());
        return new IncidentState(opened, facts, FirstResponseSla.pending(opened.firstResponse()), null, opened.submittedAt());
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
                    regraded.at());
        }
        if (event instanceof FirstResponseRecorded recorded) {
            return new IncidentState(state.opened, state.facts, state.firstResponse.respond(recorded.respondedAt()),
                    state.closed, recorded.respondedAt());
        }
        if (event instanceof IncidentClosed closing) {
            return new IncidentState(state.opened, state.facts, state.firstResponse.close(closing.closedAt()), closing,
                    closing.closedAt());
        }
        if (event instanceof IncidentDeadlineEvent fact && !fact.dueAt().equals(state.firstResponse.dueAt())) {
            return state;
        }
        if (event instanceof FirstResponseAtRisk atRisk) {
            return new IncidentState(state.opened, state.facts, state.firstResponse.warned(atRisk.detectedAt()), state.closed,
                    state.lastOccurredAt);
        }
        if (event instanceof FirstResponseBreached breached) {
            return new IncidentState(state.opened, state.facts, state.firstResponse.breachRecorded(breached.detectedAt()),
                    state.closed, state.lastOccurredAt);
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
                isClosed() ? closed.closedAt() : null, isClosed() ? closed.resolution() : null,
                new IncidentView.FirstResponse(decision.dueAt(), decision.target(), decision.clock(), decision.program(),
                        decision.rule(), firstResponse.statusAt(now), firstResponse.respondedAt(), decision.atRiskAt(),
                        decision.clockStartedAt(), decision.policyVersion(), decision.seniorIncidentManager(),
                        decision.explanation(), firstResponse.warnedAt(), firstResponse.breachRecordedAt()),
                sequence);
    }
}
