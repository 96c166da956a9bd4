package dev.incidentsla.api.incident;

import dev.incidentsla.api.Channel;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaDecision;
import dev.incidentsla.api.contract.ContractId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** An incident was opened; {@code firstResponse} says when its first call response is due, and why. */
@Revision("1")
public record IncidentOpened(IncidentId incidentId, ContractId contractId, int contractVersion, String title, String product,
                             Channel channel, Severity severity, boolean aroundTheClock, String eventId,
                             Instant submittedAt, SlaDecision firstResponse) implements IncidentEvent {

    @Override
    public Instant occurredAt() {
        return submittedAt;
    }
}
