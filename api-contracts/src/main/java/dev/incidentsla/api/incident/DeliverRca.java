package dev.incidentsla.api.incident;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Records that the root-cause analysis reached the customer.
 *
 * @param at the instant the client gave, or null for the instant the incident handles the command
 */
public record DeliverRca(@TargetAggregateIdentifier IncidentId incidentId, Instant at) {
}
