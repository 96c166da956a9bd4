package dev.incidentsla.api.incident;

import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaClock;
import dev.incidentsla.api.contract.ContractId;
import org.axonframework.serialization.Revision;

import java.time.Duration;
import java.time.Instant;

/**
 * The incident saw its first-response deadline pass with no response while open: the SLA is breached. Recorded
 * once per deadline; it carries what a breach alert says, so that the alert needs nothing but this event.
 *
 * @param detectedAt when the incident recorded it (just after {@code dueAt}, or later for history brought forward)
 */
@Revision("1")
public record FirstResponseBreached(IncidentId incidentId, ContractId contractId, Severity severity, String product,
                                    String program, String rule, Duration target, SlaClock clock, Instant submittedAt,
                                    Instant dueAt, Instant detectedAt) implements IncidentDeadlineEvent {
}
