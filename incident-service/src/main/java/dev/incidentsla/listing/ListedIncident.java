package dev.incidentsla.listing;

import dev.incidentsla.api.FirstResponseStatus;
import dev.incidentsla.api.incident.IncidentEvent;
import dev.incidentsla.incident.IncidentService;
import dev.incidentsla.incident.IncidentView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of the incident list: the incident's events, oldest first, up to {@code lastSequence}, and what the list
 * filters on, taken from the view those events fold to.
 *
 * @param firstResponseStatus as recorded: a pending SLA stays PENDING after its deadline (the view, judged at an
 *                            instant, reads it as BREACHED then; so does the list's filter)
 */
record ListedIncident(String incidentId, String contractId, String status, String severityCode,
                      FirstResponseStatus firstResponseStatus, Instant firstResponseDueAt, Instant submittedAt,
                      long lastSequence, List<IncidentEvent> events) {

    /**
     * Judged at its own deadline (which no instant changes), a pending SLA is still pending: the view then shows the
     * status as recorded.
     */
    static ListedIncident of(List<IncidentEvent> events, long lastSequence) {
        Instant dueAt = IncidentService.viewOf(events, lastSequence, Instant.EPOCH).firstResponse().dueAt();
        IncidentView recorded = IncidentService.viewOf(events, lastSequence, dueAt);
        return new ListedIncident(recorded.incidentId(), recorded.contractId(), recorded.status(),
                recorded.severity().code(), recorded.firstResponse().status(), dueAt, recorded.submittedAt(), lastSequence,
                List.copyOf(events));
    }

    /** The row after one more event of the incident. */
    ListedIncident with(IncidentEvent event, long sequence) {
        List<IncidentEvent> more = new ArrayList<>(events);
        more.add(event);
        return of(more, sequence);
    }

    /** The incident as GET /api/v1/incidents/{id} shows it, judged at {@code now}. */
    IncidentView viewAt(Instant now) {
        return IncidentService.viewOf(events, lastSequence, now);
    }
}
