package dev.incidentsla.api.incident;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A critical-situation resource was assigned to the incident; a pending crit-sit timer stops with it. */
@Revision("1")
public record CritSitAssigned(IncidentId incidentId, Instant at, String engineer) implements IncidentEvent {

    @Override
    public Instant occurredAt() {
        return at;
    }
}
