package dev.incidentsla.projection.readmodel;

import dev.incidentsla.api.FirstResponseStatus;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaClock;

import dev.incidentsla.api.SlaDecision;
import dev.incidentsla.api.incident.FirstResponseRecorded;
import dev.incidentsla.api.incident.IncidentClosed;
import dev.incidentsla.api.incident.IncidentOpened;
import dev.incidentsla.api.incident.IncidentRegraded;
import dev.incidentsla.projection.schedule.DeadlineSchedule;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * One incident's first-call-response SLA as dashboards see it.
 *
 * @param warningAlertAt when the at-risk warning for the current deadline was produced, or null
 * @param breachAlertAt when the breach alert was produced (its detectedAt), or null
 * @param lastSequence the incident's last event applied, so that a replay applies nothing twice
 */
public record SlaRow(String incidentId, String contractId, Severity severity, String product, String program, String rule,
                     Duration target, SlaClock clock, Instant submittedAt, Instant dueAt, Instant atRiskAt,
                     FirstResponseStatus status, Instant respondedAt, Instant warningAlertAt, Instant breachAlertAt,
                     long lastSequence) {

    /** Instants as the database keeps them (microseconds), so that a row read back equals the row written. */
    public SlaRow {
        submittedAt = micros(submittedAt);
        dueAt = micros(dueAt);
        atRiskAt = micros(atRiskAt);
        respondedAt = micros(respondedAt);
        warningAlertAt = micros(warningAlertAt);
        breachAlertAt = micros(breachAlertAt);
    }

    public static SlaRow opened(IncidentOpened event, long sequence) {
        SlaDecision decision = event.firstResponse();
        return new SlaRow(event.incidentId().value(), event.contractId().value(), event.severity(), event.product(),
                decision.program(), decision.rule(), decision.target(), decision.clock(), event.submittedAt(),
                decision.dueAt(), decision.atRiskAt(), FirstResponseStatus.PENDING, null, null, null, sequence);
    }

    /** A re-grade moves the deadline (its warning starts over) or, after the deadline, marks the breach. */
    public SlaRow regraded(IncidentRegraded event, long sequence) {
        SlaDecision decision = event.firstResponse();
        boolean deadlineMoved = !micros(decision.dueAt()).equals(dueAt) || !micros(decision.atRiskAt()).equals(atRiskAt);
        FirstResponseStatus newStatus = status == FirstResponseStatus.PENDING ? event.firstResponseStatus() : status;
        return new SlaRow(incidentId, contractId, event.severity(), product, decision.program(), decision.rule(),
                decision.target(), decision.clock(), submittedAt, decision.dueAt(), decision.atRiskAt(), newStatus,
                respondedAt, deadlineMoved ? null : warningAlertAt, breachAlertAt, sequence);
    }

    /** The first response stops the SLA with the incident's own verdict: met, or breached (the breach stands). */
    public SlaRow responded(FirstResponseRecorded event, long sequence) {
        return withStatus(event.verdict(), event.respondedAt(), sequence);
    }

    /** Closing stops the SLA with the incident's own outcome: met, breached or cancelled. */
    public SlaRow closed(IncidentClosed event, long sequence) {
        return withStatus(event.firstResponseOutcome(), respondedAt, sequence);
    }

    public SlaRow warned(Instant detectedAt) {
        return new SlaRow(incidentId, contractId, severity, product, program, rule, target, clock, submittedAt, dueAt, atRiskAt,
                status, respondedAt, detectedAt, breachAlertAt, lastSequence);
    }

    public SlaRow breached(Instant detectedAt) {
        return new SlaRow(incidentId, contractId, severity, product, program, rule, target, clock, submittedAt, dueAt, atRiskAt,
                FirstResponseStatus.BREACHED, respondedAt, warningAlertAt, detectedAt, lastSequence);
    }

    /** The alerts this row may still produce; a met or cancelled SLA produces none. */
    public List<DeadlineSchedule.Entry> alertsToSchedule() {
        List<DeadlineSchedule.Entry> entries = new ArrayList<>();
        if (status == FirstResponseStatus.PENDING && warningAlertAt == null) {
            entries.add(DeadlineSchedule.Entry.warning(incidentId, atRiskAt));
        }
        if ((status == FirstResponseStatus.PENDING || status == FirstResponseStatus.BREACHED) && breachAlertAt == null) {
            entries.add(DeadlineSchedule.Entry.breach(incidentId, dueAt));
        }
        return entries;
    }

    /** Whether a warning about {@code atRisk} may be produced at {@code now}: pending, not warned, deadline ahead. */
    public boolean mayWarn(Instant atRisk, Instant now) {
        return status == FirstResponseStatus.PENDING && warningAlertAt == null && atRiskAt.equals(atRisk)
                && !now.isAfter(dueAt);
    }

    /** Whether a breach of {@code due} may be reported at {@code now}: the deadline passed without a timely response. */
    public boolean mayReportBreach(Instant due, Instant now) {
        return (status == FirstResponseStatus.PENDING || status == FirstResponseStatus.BREACHED) && breachAlertAt == null
                && dueAt.equals(due) && now.isAfter(dueAt);
    }

    private SlaRow withStatus(FirstResponseStatus newStatus, Instant newRespondedAt, long sequence) {
        return new SlaRow(incidentId, contractId, severity, product, program, rule, target, clock, submittedAt, dueAt, atRiskAt,
                newStatus, newRespondedAt, warningAlertAt, breachAlertAt, sequence);
    }

    private static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }
}
