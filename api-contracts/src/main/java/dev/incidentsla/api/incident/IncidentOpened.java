package dev.incidentsla.api.incident;

import dev.incidentsla.api.Channel;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaDecision;
import dev.incidentsla.api.contract.ContractId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * An incident was opened; {@code firstResponse} says when its first call response is due, and why.
 *
 * @param supportLocation the id of the contract location the incident is supported from, whose calendar its
 *                        business-hours timers use; null in incidents recorded before contracts held several locations,
 *                        which are supported from their contract's primary location
 */
@Revision("2")
public record IncidentOpened(IncidentId incidentId, ContractId contractId, int contractVersion, String title, String product,
                             Channel channel, Severity severity, boolean aroundTheClock, String eventId,
                             Instant submittedAt, SlaDecision firstResponse, String supportLocation) implements IncidentEvent {

    /** An incident supported from its contract's primary location. */
    public IncidentOpened(IncidentId incidentId, ContractId contractId, int contractVersion, String title, String product,
                          Channel channel, Severity severity, boolean aroundTheClock, String eventId, Instant submittedAt,
                          SlaDecision firstResponse) {
        this(incidentId, contractId, contractVersion, title, product, channel, severity, aroundTheClock, eventId,
                submittedAt, firstResponse, null);
    }

    @Override
    public Instant occurredAt() {
        return submittedAt;
    }
}
