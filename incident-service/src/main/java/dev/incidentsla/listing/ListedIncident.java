package dev.incidentsla.listing;

import dev.incidentsla.api.FirstResponseStatus;
import dev.incidentsla.incident.FoldedIncident;
import dev.incidentsla.incident.IncidentView;

import java.time.Instant;

/**
 * One row of the incident list: what the list filters and orders on, as the incident's events up to
 * {@code lastSequence} leave it. The items a page shows are folded from those same events in the event store.
 *
 * @param firstResponseStatus as recorded: a pending SLA stays PENDING after its deadline (the view, judged at an
 *                            instant, reads it as BREACHED then; so does the list's filter)
 */
record ListedIncident(String incidentId, String contractId, String status, String severityCode,
                      FirstResponseStatus firstResponseStatus, Instant firstResponseDueAt, Instant submittedAt,
                      long lastSequence) {

    /**
     * Judged at its own deadline (which no instant changes), a pending SLA is still pending: the view then shows the
     * status as recorded.
     */
    static ListedIncident of(FoldedIncident incident) {
        Instant dueAt = incident.viewAt(Instant.EPOCH).firstResponse().dueAt();
        IncidentView recorded = incident.viewAt(dueAt);
        return new ListedIncident(recorded.incidentId(), recorded.contractId(), recorded.status(),
                recorded.severity().code(), recorded.firstResponse().status(), dueAt, recorded.submittedAt(),
                incident.lastSequence());
    }
}
