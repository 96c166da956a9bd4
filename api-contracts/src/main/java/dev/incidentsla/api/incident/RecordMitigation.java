package dev.incidentsla.api.incident;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Records that the incident's impact was mitigated.
 *
 * @param at the instant the client gave, or null for the instant the incident handles the command
 */
public record RecordMitigation(@TargetAggregateIdentifier IncidentId incidentId, Instant at) {
}
