package dev.incidentsla.sla.engine;

import dev.incidentsla.api.SlaClock;
import dev.incidentsla.api.SlaTimer;
import dev.incidentsla.api.TimerParty;
import dev.incidentsla.api.TimerStatus;
import dev.incidentsla.api.incident.TimerId;

import java.time.Instant;

/**
 * One instance of a timer of SLA-RULES section 9 and its transitions: the one state machine of these timers, as
 * {@link FirstResponseSla} is the first response's. Every transition is judged at its own instant (7.6). A pending
 * timer whose deadline has passed reads BREACHED; the breach is a fact the incident records when the instant passes.
 *
 * @param program          the program it is owed under: the covering program of a timer that needs coverage, else
 *                         the incident's first-response program when it starts (null until the incident sets it)
 * @param requestedAt      the instant that began it (submission, RCA request, support's request to the customer)
 * @param startedAt        when its clock started, or null while an RCA waits for its request and mitigation
 * @param dueAt            its deadline, or null while its clock has not started
 * @param atRiskAt         when it warns, or null for a timer without a warning
 * @param target           ISO-8601: a duration on {@code clock}, or working days ({@code P10D})
 * @param stoppedAt        when it stopped (what it waited for came, or a re-grade or the close cancelled it), or null
 * @param warnedAt         when its at-risk warning was recorded, or null
 * @param breachRecordedAt when its breach was recorded, or null
 */
public record TimerSla(TimerId id, SlaTimer timer, TimerParty party, String rule, String program, Instant requestedAt,
                       Instant startedAt, Instant dueAt, Instant atRiskAt, String target, SlaClock clock, String policyVersion,
                       String explanation, TimerStatus status, Instant stoppedAt, Instant warnedAt,
                       Instant breachRecordedAt) {

    /** A timer just begun; {@code startedAt}, {@code dueAt} and {@code atRiskAt} are null while its clock waits. */
    public static TimerSla pending(TimerId id, SlaTimer timer, TimerParty party, String rule, String program,
                                   Instant requestedAt, Instant startedAt, Instant dueAt, Instant atRiskAt, String target,
                                   SlaClock clock, String policyVersion, String explanation) {
        return new TimerSla(id, timer, party, rule, program, requestedAt, startedAt, dueAt, atRiskAt, target, clock, policyVersion,
                explanation, TimerStatus.PENDING, null, null, null);
    }

    /** The status as it stood at an instant: a pending timer whose deadline has passed is breached. */
    public TimerStatus statusAt(Instant instant) {
        return status == TimerStatus.PENDING && dueAt != null && instant.isAfter(dueAt) ? TimerStatus.BREACHED : status;
    }

    public boolean isPendingAt(Instant instant) {
        return statusAt(instant) == TimerStatus.PENDING;
    }

    /** Whether its clock runs (or ran): it has a deadline. */
    public boolean hasClock() {
        return dueAt != null;
    }

    /** Its clock starts: an RCA once both its request and the mitigation are known. */
    public TimerSla clockStarted(Instant start, Instant due, Instant atRisk, String newExplanation) {
        return new TimerSla(id, timer, party, rule, program, requestedAt, start, due, atRisk, target, clock, policyVersion,
                newExplanation, status, stoppedAt, warnedAt, breachRecordedAt);
    }

    /**
     * What it waited for came at {@code at}: met at or before the deadline (or before its clock even started), breached
     * after it. A stopped timer stays as it is.
     */
    public TimerSla stop(Instant at) {
        if (status.isStopped()) {
            return this;
        }
        TimerStatus verdict = dueAt != null && at.isAfter(dueAt) ? TimerStatus.BREACHED : TimerStatus.MET;
        return stopped(verdict, at);
    }

    /** A re-grade or the close ended it at {@code at}: cancelled while pending; one already breached or stopped stays. */
    public TimerSla cancel(Instant at) {
        return isPendingAt(at) ? stopped(TimerStatus.CANCELLED, at) : this;
    }

    /** The stop a {@code TimerStopped} event records. */
    public TimerSla stopped(TimerStatus verdict, Instant at) {
        return new TimerSla(id, timer, party, rule, program, requestedAt, startedAt, dueAt, atRiskAt, target, clock, policyVersion,
                explanation, verdict, at, warnedAt, breachRecordedAt);
    }

    /**
     * Whether, at {@code now}, the breach of the deadline {@code due} is to be recorded: it is still the timer's, it has
     * passed, none is recorded yet, and the timer is pending or was stopped too late.
     */
    public boolean breachFallsDue(Instant due, Instant now) {
        return breachMayFallDue(due) && now.isAfter(dueAt);
    }

    /** Whether the breach of the deadline {@code due} may still have to be recorded. */
    public boolean breachMayFallDue(Instant due) {
        return (status == TimerStatus.PENDING || status == TimerStatus.BREACHED) && breachRecordedAt == null
                && dueAt != null && dueAt.equals(due);
    }

    /**
     * Whether, at {@code now}, the at-risk warning of the instant {@code atRisk} is to be recorded: it is still the
     * timer's, it has come, the deadline itself has not passed (then the breach says it all), no warning was recorded,
     * and the timer is still pending.
     */
    public boolean atRiskFallsDue(Instant atRisk, Instant now) {
        return status == TimerStatus.PENDING && warnedAt == null && atRiskAt != null && atRiskAt.equals(atRisk)
                && !now.isBefore(atRisk) && !now.isAfter(dueAt);
    }

    public TimerSla warned(Instant detectedAt) {
        return new TimerSla(id, timer, party, rule, program, requestedAt, startedAt, dueAt, atRiskAt, target, clock, policyVersion,
                explanation, status, stoppedAt, detectedAt, breachRecordedAt);
    }

    public TimerSla breachRecorded(Instant detectedAt) {
        return new TimerSla(id, timer, party, rule, program, requestedAt, startedAt, dueAt, atRiskAt, target, clock, policyVersion,
                explanation, status, stoppedAt, warnedAt, detectedAt);
    }
}
