package dev.incidentsla.api.incident;

import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaClock;
import dev.incidentsla.api.SlaTimer;
import dev.incidentsla.api.TimerParty;
import dev.incidentsla.api.contract.ContractId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The incident saw a timer's deadline pass before what it waited for came. Recorded once per timer; a breach by the
 * {@link TimerParty#CUSTOMER} is a fact for the record, never a breach by Microsoft.
 *
 * @param program     the program the timer is owed under, as {@link TimerStarted#program()} recorded it
 * @param submittedAt the incident's submission; {@code startedAt} is when the timer's clock started
 */
@Revision("1")
public record TimerBreached(IncidentId incidentId, TimerId timerId, SlaTimer timer, TimerParty party, ContractId contractId,
                            Severity severity, String product, String program, String rule, String target,
                            SlaClock clock, Instant submittedAt, Instant startedAt, Instant dueAt, Instant detectedAt)
        implements IncidentDeadlineEvent {
}
