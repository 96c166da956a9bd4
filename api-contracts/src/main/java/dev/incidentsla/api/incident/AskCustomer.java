package dev.incidentsla.api.incident;

import dev.incidentsla.api.CustomerRequestKind;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Support asks the customer for something the customer owes (SLA-RULES section 8): starts a customer timer.
 *
 * @param at the instant the client gave, or null for the instant the incident handles the command
 */
public record AskCustomer(@TargetAggregateIdentifier IncidentId incidentId, CustomerRequestKind kind, Instant at) {
}
