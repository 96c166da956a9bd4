package dev.incidentsla.api.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.incidentsla.api.FirstResponseStatus;
import dev.incidentsla.api.RegradeEffect;
import dev.incidentsla.api.RegradeReasonCode;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaDecision;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The incident's severity or 24x7 choice changed at {@code at}.
 *
 * @param reasonCode why, from the closed vocabulary (revision 2); null in re-grades stored at revision 1, before codes
 *                   existed
 * @param firstResponse the decision in force after the re-grade (unchanged unless {@code effect} recomputed it)
 * @param firstResponseStatus the SLA's status after the re-grade: breached when its deadline had already passed
 */
@Revision("2")
public record IncidentRegraded(IncidentId incidentId, Severity fromSeverity, boolean fromAroundTheClock, Severity severity,
                               boolean aroundTheClock, String reason, RegradeReasonCode reasonCode, Instant at,
                               RegradeEffect effect, SlaDecision firstResponse, FirstResponseStatus firstResponseStatus)
        implements IncidentEvent {

    /** Jackson reads stored events through the canonical constructor, the one with every field. */
    @JsonCreator
    public IncidentRegraded {
    }

    /** A re-grade recorded without a reason code, as every re-grade was before codes existed. */
    public IncidentRegraded(IncidentId incidentId, Severity fromSeverity, boolean fromAroundTheClock, Severity severity,
                            boolean aroundTheClock, String reason, Instant at, RegradeEffect effect,
                            SlaDecision firstResponse, FirstResponseStatus firstResponseStatus) {
        this(incidentId, fromSeverity, fromAroundTheClock, severity, aroundTheClock, reason, null, at, effect,
                firstResponse, firstResponseStatus);
    }

    @Override
    public Instant occurredAt() {
        return at;
    }
}
