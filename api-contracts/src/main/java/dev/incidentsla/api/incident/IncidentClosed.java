package dev.incidentsla.api.incident;

import dev.incidentsla.api.FirstResponseStatus;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The incident was closed; {@code firstResponseOutcome} is the SLA's final status. */
@Revision("1")
public record IncidentClosed(IncidentId incidentId, Instant closedAt, String resolution,
                             FirstResponseStatus firstResponseOutcome) implements IncidentEvent {

    @Override
    public Instant occurredAt() {
        return closedAt;
    }
}
