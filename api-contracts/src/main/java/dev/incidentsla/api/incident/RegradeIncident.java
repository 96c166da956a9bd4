package dev.incidentsla.api.incident;

import dev.incidentsla.api.Severity;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record RegradeIncident(@TargetAggregateIdentifier IncidentId incidentId, Severity severity, boolean aroundTheClock,
                              String reason, Instant at) {
}
