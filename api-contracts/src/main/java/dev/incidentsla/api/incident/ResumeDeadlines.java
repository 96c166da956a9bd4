package dev.incidentsla.api.incident;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Schedules the incident's pending deadlines again: for history stored before deadlines were facts of the
 * incident's own. Deadlines already recorded, and SLAs already stopped, are left as they are.
 */
public record ResumeDeadlines(@TargetAggregateIdentifier IncidentId incidentId) {
}
