package dev.incidentsla.api.incident;

import java.time.Instant;

/** Something that happened to an incident, at the instant the command said it happened. */
public sealed interface IncidentEvent permits IncidentOpened, IncidentRegraded, FirstResponseRecorded, IncidentClosed,
        IncidentDeadlineEvent, CritSitAssigned, IncidentMitigated, TimerStarted, TimerClockStarted, TimerStopped {

    IncidentId incidentId();

    /** The instant the event is about (submission, re-grade, response, closure), not when it was stored. */
    Instant occurredAt();
}
