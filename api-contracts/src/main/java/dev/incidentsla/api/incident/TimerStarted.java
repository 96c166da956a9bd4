package dev.incidentsla.api.incident;

import dev.incidentsla.api.SlaClock;
import dev.incidentsla.api.SlaTimer;
import dev.incidentsla.api.TimerParty;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A timer of the incident began (SLA-RULES section 9), with the rule that sets it and, once its clock runs, when it is
 * due. A root-cause analysis requested before the mitigation is known starts pending with no clock: {@code startedAt},
 * {@code dueAt} and {@code atRiskAt} are null until {@link TimerClockStarted}.
 *
 * @param program     the program the timer is owed under: the covering program of a timer that needs coverage (Event
 *                    MCS for the crit-sit assignment, Platform MCS for the RCA), else the incident's first-response
 *                    program when the timer starts
 * @param requestedAt the instant that began it: the submission, the RCA request or support's request to the customer
 * @param target      ISO-8601: a duration on {@code clock} ({@code PT4H}), or working days ({@code P10D})
 * @param atRiskAt    when the at-risk warning falls due, or null for a timer without one
 */
@Revision("1")
public record TimerStarted(IncidentId incidentId, TimerId timerId, SlaTimer timer, TimerParty party, String rule,
                           String program, Instant requestedAt, Instant startedAt, Instant dueAt, Instant atRiskAt,
                           String target, SlaClock clock, String policyVersion, String explanation)
        implements IncidentEvent {

    @Override
    public Instant occurredAt() {
        return requestedAt;
    }
}
