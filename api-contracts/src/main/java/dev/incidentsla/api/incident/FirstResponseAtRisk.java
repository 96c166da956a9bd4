package dev.incidentsla.api.incident;

import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaClock;
import dev.incidentsla.api.contract.ContractId;
import org.axonframework.serialization.Revision;

import java.time.Duration;
import java.time.Instant;

/**
 * The incident saw its at-risk instant pass with no first response: a share of the target has elapsed. It
 * carries what an at-risk warning says, so that the alert needs nothing but this event.
 *
 * @param detectedAt when the incident recorded it (at or shortly after {@code atRiskAt})
 */
@Revision("1")
public record FirstResponseAtRisk(IncidentId incidentId, ContractId contractId, Severity severity, String product,
                                  String program, String rule, Duration target, SlaClock clock, Instant submittedAt,
                                  Instant atRiskAt, Instant dueAt, Instant detectedAt) implements IncidentDeadlineEvent {
}
