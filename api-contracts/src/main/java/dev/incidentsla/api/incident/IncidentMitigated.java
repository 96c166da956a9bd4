package dev.incidentsla.api.incident;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The incident's impact was mitigated: with an RCA requested, its timer starts at the later of the two. */
@Revision("1")
public record IncidentMitigated(IncidentId incidentId, Instant at) implements IncidentEvent {

    @Override
    public Instant occurredAt() {
        return at;
    }
}
