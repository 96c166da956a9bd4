package dev.incidentsla.sla.engine;

import dev.incidentsla.api.FirstResponseStatus;
import dev.incidentsla.api.SlaDecision;

import java.time.Instant;

/**
 * The first-call-response SLA of one incident and its transitions (SLA-RULES section 5): the one state machine
 * of this timer. Every transition is judged at its own instant (7.6), whenever it is posted; the at-risk
 * warning and the breach are facts it records when their instants pass.
 *
 * @param respondedAt the first response, or null
 * @param stoppedAt when the SLA stopped (response, close, or the deadline passing), or null while pending
 * @param warnedAt when the at-risk warning of the current deadline was recorded, or null
 * @param breachRecordedAt when the breach of the current deadline was recorded, or null. A recorded breach is a fact
 *                         of what was known then; it does not stop the SLA, so that a command dated before the
 *                         deadline but posted later is still judged at its own instant (7.6)
 */
public record FirstResponseSla(SlaDecision decision, FirstResponseStatus status, Instant respondedAt, Instant stoppedAt,
                               Instant warnedAt, Instant breachRecordedAt) {

    public static FirstResponseSla pending(SlaDecision decision) {
        return new FirstResponseSla(decision, FirstResponseStatus.PENDING, null, null, null, null);
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
            return new FirstResponseSla(decision, status, at, stoppedAt, warnedAt, breachRecordedAt);
        }
        if (status.isStopped()) {
            return this;
        }
        FirstResponseStatus verdict = at.isAfter(dueAt()) ? FirstResponseStatus.BREACHED : FirstResponseStatus.MET;
        return new FirstResponseSla(decision, verdict, at, at, warnedAt, breachRecordedAt);
    }

    /** Closed without a response: cancelled at or before the deadline, breached after it. */
    public FirstResponseSla close(Instant at) {
        if (status.isStopped()) {
            return this;
        }
        return at.isAfter(dueAt())
                ? new FirstResponseSla(decision, FirstResponseStatus.BREACHED, null, dueAt(), warnedAt, breachRecordedAt)
                : new FirstResponseSla(decision, FirstResponseStatus.CANCELLED, null, at, warnedAt, breachRecordedAt);
    }

    /** The deadline had passed with no response when a re-grade came: the SLA stopped at its deadline. */
    public FirstResponseSla breach() {
        if (status.isStopped()) {
            return this;
        }
        return new FirstResponseSla(decision, FirstResponseStatus.BREACHED, null, dueAt(), warnedAt, breachRecordedAt);
    }

    /**
     * Whether, at {@code now}, the breach of the deadline {@code due} is to be recorded: that deadline is still the
     * SLA's, it has passed, no breach of it is recorded yet, and the SLA is pending or was breached by a command
     * judged after the deadline (a late response or close). A timely response, a close before the deadline and a
     * re-grade that moved it leave nothing to record; a breach is recorded once per deadline.
     */
    public boolean breachFallsDue(Instant due, Instant now) {
        return (status == FirstResponseStatus.PENDING || status == FirstResponseStatus.BREACHED) && breachRecordedAt == null
                && dueAt().equals(due) && now.isAfter(dueAt());
    }

    /**
     * Whether the breach of the deadline whose instants are {@code atRisk} and {@code due} may still have to be
     * recorded: they are still the SLA's, no breach is recorded, and the SLA is pending or was stopped too late.
     */
    public boolean breachMayFallDue(Instant atRisk, Instant due) {
        return (status == FirstResponseStatus.PENDING || status == FirstResponseStatus.BREACHED) && breachRecordedAt == null
                && decision.atRiskAt().equals(atRisk) && dueAt().equals(due);
    }

    /**
     * Whether, at {@code now}, the at-risk warning of the instant {@code atRisk} is to be recorded: it is still the
     * SLA's at-risk instant, it has come, the deadline itself has not passed (then the breach says it all), no
     * warning of this deadline was recorded, and the SLA is still pending.
     */
    public boolean atRiskFallsDue(Instant atRisk, Instant now) {
        return status == FirstResponseStatus.PENDING && warnedAt == null && decision.atRiskAt().equals(atRisk)
                && !now.isBefore(atRisk) && !now.isAfter(dueAt());
    }

    /** The at-risk warning of the current deadline was recorded at {@code detectedAt}. */
    public FirstResponseSla warned(Instant detectedAt) {
        return new FirstResponseSla(decision, status, respondedAt, stoppedAt, detectedAt, breachRecordedAt);
    }

    /** The breach of the current deadline was recorded at {@code detectedAt}. */
    public FirstResponseSla breachRecorded(Instant detectedAt) {
        return new FirstResponseSla(decision, status, respondedAt, stoppedAt, warnedAt, detectedAt);
    }

    /** A new decision; the recorded warning and breach were about the old deadline and do not carry over to a moved one. */
    public FirstResponseSla withDecision(SlaDecision newDecision) {
        boolean sameDeadline = newDecision.dueAt().equals(dueAt()) && newDecision.atRiskAt().equals(decision.atRiskAt());
        return new FirstResponseSla(newDecision, status, respondedAt, stoppedAt, sameDeadline ? warnedAt : null,
                newDecision.dueAt().equals(dueAt()) ? breachRecordedAt : null);
    }
}
