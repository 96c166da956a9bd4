package dev.incidentsla.sla.engine;

import dev.incidentsla.api.Channel;
import dev.incidentsla.api.Severity;

import java.time.Instant;

/**
 * What the engine needs to know of an incident. Coverage is always judged at {@code submittedAt}
 * (SLA-RULES 7.11).
 *
 * @param eventId the scheduled critical event the incident names, or null
 * @param supportLocation the id of the contract location the incident is supported from, or null for the contract's
 *                        primary location
 */
public record IncidentFacts(Severity severity, String product, Channel channel, boolean aroundTheClock,
                            String eventId, Instant submittedAt, String supportLocation) {

    /** An incident supported from its contract's primary location. */
    public IncidentFacts(Severity severity, String product, Channel channel, boolean aroundTheClock, String eventId,
                         Instant submittedAt) {
        this(severity, product, channel, aroundTheClock, eventId, submittedAt, null);
    }

    public IncidentFacts regradedTo(Severity newSeverity, boolean newAroundTheClock) {
        return new IncidentFacts(newSeverity, product, channel, newAroundTheClock, eventId, submittedAt, supportLocation);
    }
}
