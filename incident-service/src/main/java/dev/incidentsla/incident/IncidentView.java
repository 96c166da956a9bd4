package dev.incidentsla.incident;

import dev.incidentsla.api.Channel;
import dev.incidentsla.api.FirstResponseStatus;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaClock;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Duration;
import java.time.Instant;

/**
 * The incident as API.md shows it, plus what an operator wants next to it.
 *
 * @param status OPEN or CLOSED
 * @param sequence the number of the incident's last event, for optimistic clients
 */
@Schema(requiredProperties = {"incidentId", "contractId", "contractVersion", "severity", "status", "product", "channel",
        "aroundTheClock", "submittedAt", "firstResponse", "sequence"})
public record IncidentView(String incidentId, String contractId, int contractVersion, Severity severity,
                           @Schema(allowableValues = {"OPEN", "CLOSED"}) String status,
                           String product, Channel channel, boolean aroundTheClock, Instant submittedAt, String eventId,
                           String title, Instant closedAt, String resolution, FirstResponse firstResponse, long sequence) {

    /**
     * @param status as it stands at the view's instant: a pending SLA whose deadline has passed reads BREACHED
     * @param atRiskDetectedAt when the incident recorded that the current deadline is at risk, or null
     * @param breachDetectedAt when the incident recorded the breach, or null
     */
    @Schema(requiredProperties = {"dueAt", "target", "clock", "program", "rule", "status"})
    public record FirstResponse(Instant dueAt, Duration target, SlaClock clock, String program, String rule,
                                FirstResponseStatus status, Instant respondedAt, Instant atRiskAt, Instant clockStartedAt,
                                String policyVersion, boolean seniorIncidentManager, String explanation,
                                Instant atRiskDetectedAt, Instant breachDetectedAt) {
    }
}
