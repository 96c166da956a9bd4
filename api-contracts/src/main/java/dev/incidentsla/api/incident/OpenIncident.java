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
 * @param supportLocation the id of the contract's support location the incident is supported from, or null for the
 *                        contract's primary location
 */
public record OpenIncident(@TargetAggregateIdentifier IncidentId incidentId, ContractId contractId, Severity severity,
                           String product, Channel channel, boolean aroundTheClock, Instant submittedAt, String eventId,
                           String title, String supportLocation) {

    /** An incident supported from its contract's primary location. */
    public OpenIncident(IncidentId incidentId, ContractId contractId, Severity severity, String product, Channel channel,
                        boolean aroundTheClock, Instant submittedAt, String eventId, String title) {
        this(incidentId, contractId, severity, product, channel, aroundTheClock, submittedAt, eventId, title, null);
    }
}
