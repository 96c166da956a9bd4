package dev.incidentsla.api.incident;

import dev.incidentsla.api.Channel;
import dev.incidentsla.api.FirstResponseStatus;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The first call response reached the customer; {@code verdict} is MET or BREACHED against {@code dueAt}. */
@Revision("1")
public record FirstResponseRecorded(IncidentId incidentId, Instant respondedAt, Channel channel, String engineer,
                                    Instant dueAt, FirstResponseStatus verdict) implements IncidentEvent {

    @Override
    public Instant occurredAt() {
        return respondedAt;
    }
}
