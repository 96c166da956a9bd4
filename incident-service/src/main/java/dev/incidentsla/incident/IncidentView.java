package dev.incidentsla.incident;

import dev.incidentsla.api.Channel;
import dev.incidentsla.api.FirstResponseStatus;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaClock;
import dev.incidentsla.api.SlaTimer;
import dev.incidentsla.api.TimerParty;
import dev.incidentsla.api.TimerStatus;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The incident as API.md shows it, plus what an operator wants next to it.
 *
 * @param status OPEN or CLOSED
 * @param supportLocation the id of the contract location the incident is supported from, whose calendar counts its
 *                        business-hours timers
 * @param timers every timer of the incident (API.md "Other timers"), the first response first, then the others in the
 *               order they began
 * @param sequence the number of the incident's last event, for optimistic clients
 */
@Schema(requiredProperties = {"incidentId", "contractId", "contractVersion", "severity", "status", "product", "channel",
        "aroundTheClock", "submittedAt", "supportLocation", "firstResponse", "timers", "sequence"})
public record IncidentView(String incidentId, String contractId, int contractVersion, Severity severity,
                           @Schema(allowableValues = {"OPEN", "CLOSED"}) String status,
                           String product, Channel channel, boolean aroundTheClock, Instant submittedAt, String eventId,
                           String title, String supportLocation, Instant closedAt, String resolution,
                           FirstResponse firstResponse,
                           List<Timer> timers, long sequence) {

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

    /**
     * One timer of the incident, as it stands at the view's instant.
     *
     * @param id          unique within the incident: a customer timer asked again is a new timer with its own id
     * @param startedAt   when its clock started; null for an RCA waiting for its request and the mitigation
     * @param dueAt       null while its clock has not started
     * @param target      ISO-8601: a duration on {@code clock} ({@code PT4H}) or working days ({@code P10D})
     * @param status      as it stands at the view's instant: a pending timer whose deadline has passed reads BREACHED
     * @param metAt       when it was met, or null
     * @param requestedAt the instant that began it: the submission, the RCA request, support's request to the customer
     * @param stoppedAt   when it stopped (met, breached by a late stop, or cancelled), or null
     */
    @Schema(requiredProperties = {"id", "timer", "party", "target", "clock", "status", "rule", "requestedAt"})
    public record Timer(String id, SlaTimer timer, TimerParty party, Instant startedAt, Instant dueAt, String target,
                        SlaClock clock, TimerStatus status, Instant metAt, String rule, Instant requestedAt,
                        Instant atRiskAt, Instant stoppedAt, Instant atRiskDetectedAt, Instant breachDetectedAt,
                        String explanation) {
    }
}
