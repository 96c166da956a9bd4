package dev.incidentsla.incident;

import dev.incidentsla.api.FirstResponseStatus;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaClock;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Duration;
import java.time.Instant;

/**
 * The first-call-response SLA as it stood at {@code asOf}, rebuilt from the stored events only.
 *
 * @param eventsApplied how many of the incident's events had happened by {@code asOf}
 * @param explanation the stored explanation of how {@code dueAt} was derived
 * @param atRiskDetectedAt when the incident had recorded the current deadline at risk, or null
 * @param breachDetectedAt when the incident had recorded the breach, or null
 */
@Schema(requiredProperties = {"incidentId", "asOf", "severity", "aroundTheClock", "status", "dueAt", "target", "clock",
        "program", "rule", "contractVersion", "eventsApplied"})
public record SlaReplay(String incidentId, Instant asOf, Severity severity, boolean aroundTheClock,
                        FirstResponseStatus status, Instant dueAt, Instant atRiskAt, Duration target, SlaClock clock,
                        String program, String rule, Instant clockStartedAt, Instant respondedAt, String policyVersion,
                        int contractVersion, boolean seniorIncidentManager, int eventsApplied, String explanation,
                        Instant atRiskDetectedAt, Instant breachDetectedAt) {
}
