package dev.incidentsla.api.incident;

import dev.incidentsla.api.Channel;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The first non-automated contact with the customer. */
public record RecordFirstResponse(@TargetAggregateIdentifier IncidentId incidentId, Instant respondedAt, Channel channel,
                                  String engineer) {
}
