package dev.incidentsla.sla.engine;

import dev.incidentsla.api.FirstResponseStatus;
import dev.incidentsla.api.SlaDecision;

import java.time.Instant;

/**
 * The first-call-response SLA of one incident and its transitions (SLA-RULES section 5). Every transition
 * is judged at its own instant (7.6), whenever it is posted.
 *
 * @param respondedAt the first response, or null
 * @param stoppedAt when the SLA stopped (response, close, or the deadline passing), or null while pending
 */
public record FirstResponseSla(SlaDecision decision, FirstResponseStatus status, Instant respondedAt, Instant stoppedAt) {

    public static FirstResponseSla pending(SlaDecision decision) {
        return new FirstResponseSla(decision, FirstResponseStatus.PENDING, null, null);
    }

    public Instant dueAt() {
        return decision.dueAt();
    }

    /** The status as it stood at an instant: a pending SLA whose deadline has passed is breached. */
    public FirstResponseStatus statusAt(Instant instant) {
        return status == FirstResponseStatus.PENDING && instant.isAfter(dueAt()) ? FirstResponseStatus.BREACHED : status;
    }

    /** Whether the SLA had stopped by the instant: met, cancelled, or breached by its deadline passing. */
    public boolean isStoppedAt(Instant instant) {
        return statusAt(instant).isStopped();
    }

    /**
     * The first response: met at or before the deadline, breached after it. A breach stands, the response
     * being recorded with it; any other stopped SLA stays as it is.
     */
    public FirstResponseSla respond(Instant at) {
        if (status == FirstResponseStatus.BREACHED && respondedAt == null) {
            return new FirstResponseSla(decision, status, at, stoppedAt);
        }
        if (status.isStopped()) {
            return this;
        }
        FirstResponseStatus verdict = at.isAfter(dueAt()) ? FirstResponseStatus.BREACHED : FirstResponseStatus.MET;
        return new FirstResponseSla(decision, verdict, at, at);
    }

    /** Closed without a response: cancelled at or before the deadline, breached after it. */
    public FirstResponseSla close(Instant at) {
        if (status.isStopped()) {
            return this;
        }
        return at.isAfter(dueAt())
                ? new FirstResponseSla(decision, FirstResponseStatus.BREACHED, null, dueAt())
                : new FirstResponseSla(decision, FirstResponseStatus.CANCELLED, null, at);
    }

    /** The deadline has passed with no response and the incident open. */
    public FirstResponseSla breach() {
        if (status.isStopped()) {
            return this;
        }
        return new FirstResponseSla(decision, FirstResponseStatus.BREACHED, null, dueAt());
    }

    public FirstResponseSla withDecision(SlaDecision newDecision) {
        return new FirstResponseSla(newDecision, status, respondedAt, stoppedAt);
    }
}
