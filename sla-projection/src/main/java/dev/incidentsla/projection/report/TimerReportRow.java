package dev.incidentsla.projection.report;

import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaTimer;
import dev.incidentsla.api.TimerParty;
import dev.incidentsla.api.TimerStatus;
import dev.incidentsla.api.incident.TimerBreached;
import dev.incidentsla.api.incident.TimerClockStarted;
import dev.incidentsla.api.incident.TimerStarted;
import dev.incidentsla.api.incident.TimerStopped;

import java.time.Instant;

/**
 * One timer instance of an incident as the timer report counts it ({@code timer_report}). {@code severity} follows
 * the incident while the timer is pending; {@code outcomeSeverity} is the one in force when it stopped or breached,
 * which later re-grades leave alone.
 *
 * @param program      the program the timer is owed under, as {@link TimerStarted#program()} recorded it
 * @param requestedAt  what places the timer in a report's range and month: the instant that began it (for an RCA its
 *                     request, whose clock may start later)
 * @param lastSequence the incident's last event applied to this row
 */
public record TimerReportRow(String incidentId, String timerId, SlaTimer timer, TimerParty party, String contractId,
                             String program, Severity severity, Severity outcomeSeverity, TimerStatus status,
                             Instant requestedAt, Instant startedAt, Instant dueAt, Instant stoppedAt, long lastSequence) {

    static TimerReportRow started(TimerStarted event, IncidentFacts incident, long sequence) {
        return new TimerReportRow(event.incidentId().value(), event.timerId().value(), event.timer(), event.party(),
                incident.contractId(), event.program(), incident.severity(), null, TimerStatus.PENDING,
                event.requestedAt(), event.startedAt(), event.dueAt(), null, sequence);
    }

    TimerReportRow clockStarted(TimerClockStarted event, long sequence) {
        return new TimerReportRow(incidentId, timerId, timer, party, contractId, program, severity, outcomeSeverity, status,
                requestedAt, event.startedAt(), event.dueAt(), stoppedAt, sequence);
    }

    /** A pending timer follows the incident's severity; a stopped one keeps the severity of its outcome. */
    TimerReportRow regraded(Severity current, long sequence) {
        return new TimerReportRow(incidentId, timerId, timer, party, contractId, program, current, outcomeSeverity, status,
                requestedAt, startedAt, dueAt, stoppedAt, sequence);
    }

    /** The deadline passed first: breached under the severity the incident recorded with the breach. */
    TimerReportRow breached(TimerBreached event, long sequence) {
        Severity outcome = status.isStopped() ? outcomeSeverity : event.severity();
        TimerStatus outcomeStatus = status.isStopped() ? status : TimerStatus.BREACHED;
        return new TimerReportRow(incidentId, timerId, timer, party, contractId, program, severity, outcome, outcomeStatus,
                requestedAt, startedAt, dueAt, stoppedAt, sequence);
    }

    /**
     * What the timer waited for came, or a re-grade or the close ended it. A timer already breached stays breached
     * under the severity of its breach (an answer after the deadline is a late one).
     */
    TimerReportRow stopped(TimerStopped event, long sequence) {
        boolean alreadyBreached = status == TimerStatus.BREACHED;
        return new TimerReportRow(incidentId, timerId, timer, party, contractId, program, severity,
                alreadyBreached ? outcomeSeverity : severity, alreadyBreached ? status : event.status(), requestedAt,
                startedAt, dueAt, event.stoppedAt(), sequence);
    }

    /** The incident's contract and severity, which timer events do not carry, as its history stood at {@code lastSequence}. */
    record IncidentFacts(String contractId, Severity severity, long lastSequence) {

        IncidentFacts regraded(Severity current, long sequence) {
            return new IncidentFacts(contractId, current, sequence);
        }
    }
}
