package dev.incidentsla.api.incident;

import dev.incidentsla.api.RegradeReasonCode;
import dev.incidentsla.api.Severity;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Re-grades an incident at {@code at}.
 *
 * @param aroundTheClock the customer's new 24x7 choice, or null to keep the current one
 * @param reasonCode why, from the closed vocabulary, or null for {@link RegradeReasonCode#OTHER}
 * @param at the instant the client gave, or null for the instant the incident handles the command (now, but never
 *           before its last recorded instant)
 */
public record RegradeIncident(@TargetAggregateIdentifier IncidentId incidentId, Severity severity, Boolean aroundTheClock,
                              String reason, RegradeReasonCode reasonCode, Instant at) {

    /** A re-grade that gives only a free-text reason, as clients did before reason codes. */
    public RegradeIncident(IncidentId incidentId, Severity severity, Boolean aroundTheClock, String reason, Instant at) {
        this(incidentId, severity, aroundTheClock, reason, null, at);
    }
}
