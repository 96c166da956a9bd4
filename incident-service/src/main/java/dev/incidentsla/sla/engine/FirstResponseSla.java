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
 */
public record FirstResponseSla(SlaDecision decision, FirstResponseStatus status, Instant respondedAt, Instant stoppedAt,
                               Instant warnedAt) {

    public FirstResponseSla(SlaDecision decision, FirstResponseStatus status, Instant respondedAt, Instant stoppedAt) {
        this(decision, status, respondedAt, stoppedAt, null);
    }

    public static FirstResponseSla pending(SlaDecision decision) {
        return new FirstResponseSla(decision, FirstResponseStatus.PENDING, null, null, null);
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
     * The first response, judged at its own instant (7.6): met at or before the deadline, breached after it. A
     * breach the incident recorded when the deadline passed does not outweigh a response dated before it that is
     * posted later (an import, a tool that was offline): the breach stays in the history as what was known then,
     * and the verdict is the response's. A close or an earlier response stopped the SLA for good.
     */
    public FirstResponseSla respond(Instant at) {
        boolean breachedByDeadline = status == FirstResponseStatus.BREACHED && respondedAt == null;
        if (status.isStopped() && !breachedByDeadline) {
            return this;
        }
        FirstResponseStatus verdict = at.isAfter(dueAt()) ? FirstResponseStatus.BREACHED : FirstResponseStatus.MET;
        return new FirstResponseSla(decision, verdict, at, verdict == FirstResponseStatus.MET || stoppedAt == null ? at : stoppedAt,
                warnedAt);
    }

    /** Closed without a response: cancelled at or before the deadline, breached after it. */
    public FirstResponseSla close(Instant at) {
        if (status.isStopped()) {
            return this;
        }
        return at.isAfter(dueAt())
                ? new FirstResponseSla(decision, FirstResponseStatus.BREACHED, null, dueAt(), warnedAt)
                : new FirstResponseSla(decision, FirstResponseStatus.CANCELLED, null, at, warnedAt);
    }

    /** The deadline has passed with no response and the incident open. */
    public FirstResponseSla breach() {
        if (status.isStopped()) {
            return this;
        }
        return new FirstResponseSla(decision, FirstResponseStatus.BREACHED, null, dueAt(), warnedAt);
    }

    /**
     * Whether, at {@code now}, the breach of the deadline {@code due} is to be recorded: that deadline is still the
     * SLA's, it has passed, and the SLA is still pending (so a breach is recorded once per deadline, and never
     * after a response, a close or a re-grade that moved the deadline).
     */
    public boolean breachFallsDue(Instant due, Instant now) {
        return status == FirstResponseStatus.PENDING && dueAt().equals(due) && now.isAfter(dueAt());
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

    /** Whether {@code now} is still too early for the deadline {@code due} (a scheduler's clock ran ahead of ours). */
    public boolean breachNotYetDue(Instant due, Instant now) {
        return status == FirstResponseStatus.PENDING && dueAt().equals(due) && !now.isAfter(due);
    }

    /** Whether {@code now} is still too early for the at-risk instant {@code atRisk}. */
    public boolean atRiskNotYetDue(Instant atRisk, Instant now) {
        return status == FirstResponseStatus.PENDING && warnedAt == null && decision.atRiskAt().equals(atRisk)
                && now.isBefore(atRisk);
    }

    /** The at-risk warning of the current deadline was recorded at {@code detectedAt}. */
    public FirstResponseSla warned(Instant detectedAt) {
        return new FirstResponseSla(decision, status, respondedAt, stoppedAt, detectedAt);
    }

    /** A new decision; a warning was about the old deadline and does not carry over to a moved one. */
    public FirstResponseSla withDecision(SlaDecision newDecision) {
        boolean sameDeadline = newDecision.dueAt().equals(dueAt()) && newDecision.atRiskAt().equals(decision.atRiskAt());
        return new FirstResponseSla(newDecision, status, respondedAt, stoppedAt, sameDeadline ? warnedAt : null);
    }
}
