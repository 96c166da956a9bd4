package dev.incidentsla.api.incident;

import dev.incidentsla.api.CustomerRequestKind;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * The customer answered what support asked: stops the pending customer timer of that kind.
 *
 * @param at the instant the client gave, or null for the instant the incident handles the command
 */
public record RecordCustomerAnswer(@TargetAggregateIdentifier IncidentId incidentId, CustomerRequestKind kind, Instant at) {
}
