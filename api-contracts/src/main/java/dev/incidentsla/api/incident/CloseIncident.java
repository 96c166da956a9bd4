package dev.incidentsla.api.incident;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Closes an incident.
 *
 * @param closedAt the instant the client gave, or null for the instant the incident handles the command (now, but never
 *                 before its last recorded instant)
 */
public record CloseIncident(@TargetAggregateIdentifier IncidentId incidentId, Instant closedAt, String resolution) {
}
