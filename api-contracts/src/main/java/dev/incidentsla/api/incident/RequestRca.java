package dev.incidentsla.api.incident;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Records the customer's request for a root-cause analysis.
 *
 * @param at the instant the client gave, or null for the instant the incident handles the command
 */
public record RequestRca(@TargetAggregateIdentifier IncidentId incidentId, Instant at) {
}
