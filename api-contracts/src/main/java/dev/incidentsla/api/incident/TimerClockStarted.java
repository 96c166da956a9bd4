package dev.incidentsla.api.incident;

import dev.incidentsla.api.SlaTimer;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A pending timer's clock started (the RCA's, at the later of request and mitigation): it is now due at {@code dueAt}. */
@Revision("1")
public record TimerClockStarted(IncidentId incidentId, TimerId timerId, SlaTimer timer, Instant startedAt, Instant dueAt,
                                Instant atRiskAt, String explanation) implements IncidentEvent {

    @Override
    public Instant occurredAt() {
        return startedAt;
    }
}
