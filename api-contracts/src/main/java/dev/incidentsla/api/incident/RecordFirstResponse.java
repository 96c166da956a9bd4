package dev.incidentsla.api.incident;

import dev.incidentsla.api.Channel;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * The first non-automated contact with the customer.
 *
 * @param respondedAt the instant the client gave, or null for the instant the incident handles the command (now, but
 *                    never before its last recorded instant)
 */
public record RecordFirstResponse(@TargetAggregateIdentifier IncidentId incidentId, Instant respondedAt, Channel channel,
                                  String engineer) {
}
