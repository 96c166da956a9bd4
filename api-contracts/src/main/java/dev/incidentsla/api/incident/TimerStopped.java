package dev.incidentsla.api.incident;

import dev.incidentsla.api.SlaTimer;
import dev.incidentsla.api.TimerParty;
import dev.incidentsla.api.TimerStatus;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A timer stopped: {@code status} is MET or BREACHED against {@code dueAt} when what it waited for came, CANCELLED
 * when a re-grade or the close ended it before its deadline.
 */
@Revision("1")
public record TimerStopped(IncidentId incidentId, TimerId timerId, SlaTimer timer, TimerParty party, Instant stoppedAt,
                           Instant dueAt, TimerStatus status) implements IncidentEvent {

    @Override
    public Instant occurredAt() {
        return stoppedAt;
    }
}
