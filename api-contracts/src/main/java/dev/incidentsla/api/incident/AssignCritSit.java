package dev.incidentsla.api.incident;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Records that a critical-situation resource was assigned to the incident.
 *
 * @param at the instant the client gave, or null for the instant the incident handles the command
 */
public record AssignCritSit(@TargetAggregateIdentifier IncidentId incidentId, Instant at, String engineer) {
}
