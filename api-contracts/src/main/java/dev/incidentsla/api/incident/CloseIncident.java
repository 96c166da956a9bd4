package dev.incidentsla.api.incident;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record CloseIncident(@TargetAggregateIdentifier IncidentId incidentId, Instant closedAt, String resolution) {
}
