package dev.incidentsla.projection.readmodel;

import dev.incidentsla.api.FirstResponseStatus;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaClock;
import dev.incidentsla.api.SlaDecision;
import dev.incidentsla.api.incident.FirstResponseAtRisk;
import dev.incidentsla.api.incident.FirstResponseBreached;
import dev.incidentsla.api.incident.FirstResponseRecorded;
import dev.incidentsla.api.incident.IncidentClosed;
import dev.incidentsla.api.incident.IncidentOpened;
import dev.incidentsla.api.incident.IncidentRegraded;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One incident's first-call-response SLA as dashboards see it: what the incident's events say, nothing decided
 * here (the incident records its own at-risk and breach facts).
 *
 * @param warningAlertAt when the incident recorded the last at-risk warning (its detectedAt), or null
 * @param warnedDueAt    the deadline that warning was about; the warning no longer holds once a re-grade moves the
 *                       deadline
 * @param breachAlertAt  when the incident recorded the breach (its detectedAt), or null
 * @param lastSequence   the incident's last event applied, so that a replay applies nothing twice
 * @param outcomeSeverity the severity in force when the SLA stopped (met, breached, cancelled), or null while it is
 *                        pending: a re-grade after the outcome changes {@code severity}, never this
 */
public record SlaRow(String incidentId, String contractId, Severity severity, String product, String program, String rule,
                     Duration target, SlaClock clock, Instant submittedAt, Instant dueAt, Instant atRiskAt,
                     FirstResponseStatus status, Instant respondedAt, Instant warningAlertAt, Instant warnedDueAt,
                     Instant breachAlertAt, long lastSequence, Severity outcomeSeverity) {

    /** Instants as the database keeps them (microseconds), so that a row read back equals the row written. */
    public SlaRow {
        submittedAt = micros(submittedAt);
        dueAt = micros(dueAt);
        atRiskAt = micros(atRiskAt);
        respondedAt = micros(respondedAt);
        warningAlertAt = micros(warningAlertAt);
        warnedDueAt = micros(warnedDueAt);
        breachAlertAt = micros(breachAlertAt);
    }

    public static SlaRow opened(IncidentOpened event, long sequence) {
        SlaDecision decision = event.firstResponse();
        return new SlaRow(event.incidentId().value(), event.contractId().value(), event.severity(), event.product(),
                decision.program(), decision.rule(), decision.target(), decision.clock(), event.submittedAt(),
                decision.dueAt(), decision.atRiskAt(), FirstResponseStatus.PENDING, null, null, null, null, sequence, null);
    }

    public SlaRow regraded(IncidentRegraded event, long sequence) {
        SlaDecision decision = event.firstResponse();
        return new SlaRow(incidentId, contractId, event.severity(), product, decision.program(), decision.rule(),
                decision.target(), decision.clock(), submittedAt, decision.dueAt(), decision.atRiskAt(),
                event.firstResponseStatus(), respondedAt, warningAlertAt, warnedDueAt, breachAlertAt, sequence,
                outcomeSeverity(event.firstResponseStatus(), event.fromSeverity()));
    }

    public SlaRow responded(FirstResponseRecorded event, long sequence) {
        return new SlaRow(incidentId, contractId, severity, product, program, rule, target, clock, submittedAt, dueAt, atRiskAt,
                event.verdict(), event.respondedAt(), warningAlertAt, warnedDueAt, breachAlertAt, sequence,
                outcomeSeverity(event.verdict(), severity));
    }

    public SlaRow closed(IncidentClosed event, long sequence) {
        return new SlaRow(incidentId, contractId, severity, product, program, rule, target, clock, submittedAt, dueAt, atRiskAt,
                event.firstResponseOutcome(), respondedAt, warningAlertAt, warnedDueAt, breachAlertAt, sequence,
                outcomeSeverity(event.firstResponseOutcome(), severity));
    }

    public SlaRow atRisk(FirstResponseAtRisk event, long sequence) {
        return new SlaRow(incidentId, contractId, severity, product, program, rule, target, clock, submittedAt, dueAt, atRiskAt,
                status, respondedAt, event.detectedAt(), event.dueAt(), breachAlertAt, sequence, outcomeSeverity);
    }

    public SlaRow breached(FirstResponseBreached event, long sequence) {
        return new SlaRow(incidentId, contractId, severity, product, program, rule, target, clock, submittedAt, dueAt, atRiskAt,
                FirstResponseStatus.BREACHED, respondedAt, warningAlertAt, warnedDueAt, event.detectedAt(), sequence,
                outcomeSeverity(FirstResponseStatus.BREACHED, severity));
    }

    /**
     * The severity on record for the outcome after an event that leaves the SLA in {@code next}: the first outcome's
     * severity stands (a late response after a breach, a re-grade after either), {@code inForce} when this event stops it.
     */
    private Severity outcomeSeverity(FirstResponseStatus next, Severity inForce) {
        if (outcomeSeverity != null || next == FirstResponseStatus.PENDING) {
            return outcomeSeverity;
        }
        return inForce;
    }

    /** Whether the at-risk warning on record is about the deadline in force now. */
    public boolean warned() {
        return warningAlertAt != null && dueAt.equals(warnedDueAt);
    }

    private static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }
}
