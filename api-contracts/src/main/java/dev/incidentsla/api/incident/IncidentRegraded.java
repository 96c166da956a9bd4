package dev.incidentsla.api.incident;

import dev.incidentsla.api.FirstResponseStatus;
import dev.incidentsla.api.RegradeEffect;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaDecision;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The incident's severity or 24x7 choice changed at {@code at}.
 *
 * @param firstResponse the decision in force after the re-grade (unchanged unless {@code effect} recomputed it)
 * @param firstResponseStatus the SLA's status after the re-grade: breached when its deadline had already passed
 */
@Revision("1")
public record IncidentRegraded(IncidentId incidentId, Severity fromSeverity, boolean fromAroundTheClock, Severity severity,
                               boolean aroundTheClock, String reason, Instant at, RegradeEffect effect,
                               SlaDecision firstResponse, FirstResponseStatus firstResponseStatus) implements IncidentEvent {

    @Override
    public Instant occurredAt() {
        return at;
    }
}
