package dev.incidentsla.api.incident;

import dev.incidentsla.api.Channel;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.contract.ContractId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Opens an incident as submitted at {@code submittedAt} (possibly in the past: an import).
 *
 * @param eventId the scheduled critical event the incident names, or null
 */
public record OpenIncident(@TargetAggregateIdentifier IncidentId incidentId, ContractId contractId, Severity severity,
                           String product, Channel channel, boolean aroundTheClock, Instant submittedAt, String eventId,
                           String title) {
}
