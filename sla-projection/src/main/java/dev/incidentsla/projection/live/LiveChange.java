package dev.incidentsla.projection.live;

import dev.incidentsla.api.FirstResponseStatus;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaClock;
import dev.incidentsla.projection.readmodel.SlaRow;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Duration;
import java.time.Instant;

/**
 * One incident's first-response SLA as it stands after a change: the fields of a {@code /api/v1/sla/pending} item, and
 * what a stopped or breached SLA adds.
 *
 * @param timeLeft    until the deadline when the change was sent, negative once it has passed
 * @param warned      whether the incident recorded an at-risk warning about this very deadline
 * @param status      PENDING, MET, BREACHED or CANCELLED
 * @param respondedAt when the first response was recorded, or null
 * @param detectedAt  when the incident recorded the breach, or null
 */
@Schema(requiredProperties = {"incidentId", "contractId", "severity", "product", "program", "rule", "target", "clock",
        "submittedAt", "dueAt", "timeLeft", "warned", "status"})
public record LiveChange(String incidentId, String contractId, Severity severity, String product, String program, String rule,
                         Duration target, SlaClock clock, Instant submittedAt, Instant dueAt, Instant atRiskAt,
                         Duration timeLeft, boolean warned, FirstResponseStatus status, Instant respondedAt,
                         Instant detectedAt) {

    static LiveChange of(SlaRow row, Instant now) {
        return new LiveChange(row.incidentId(), row.contractId(), row.severity(), row.product(), row.program(), row.rule(),
                row.target(), row.clock(), row.submittedAt(), row.dueAt(), row.atRiskAt(), Duration.between(now, row.dueAt()),
                row.warned(), row.status(), row.respondedAt(), row.breachAlertAt());
    }

    /** The SSE event name: what the change left the SLA as. */
    String event() {
        return switch (status) {
            case PENDING -> warned ? "at-risk" : "pending";
            case BREACHED -> "breached";
            case MET, CANCELLED -> "stopped";
        };
    }
}
