package dev.incidentsla.incident;

import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.api.incident.TimerId;
import dev.incidentsla.sla.engine.TimerSla;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.AggregateScopeDescriptor;

import java.time.Instant;

/**
 * The instants of a section-9 timer that the incident must notice when they pass, scheduled as the first response's
 * are ({@link FirstResponseDeadlines}): the at-risk instant first when the timer has one, and the breach from it, so a
 * timer met early never gets a breach row. A deadline that no longer applies finds nothing to record when it comes.
 */
final class TimerDeadlines {

    static final String AT_RISK = "timer-at-risk";
    static final String BREACH = "timer-breach";

    /** The at-risk instant of the timer's deadline has come. */
    record TimerAtRiskInstantPassed(TimerId timerId, Instant atRiskAt, Instant dueAt) {
    }

    /** The timer's deadline has passed. */
    record TimerDueInstantPassed(TimerId timerId, Instant dueAt) {
    }

    private TimerDeadlines() {
    }

    /** Schedules the timer's first instant, if its clock runs: its at-risk one, or its breach when it warns not. */
    static void schedule(IncidentId incidentId, TimerSla timer, DeadlineManager deadlines) {
        if (timer.dueAt() == null) {
            return;
        }
        if (timer.atRiskAt() == null) {
            scheduleBreach(incidentId, timer.id(), timer.dueAt(), deadlines);
            return;
        }
        deadlines.schedule(timer.atRiskAt(), AT_RISK, new TimerAtRiskInstantPassed(timer.id(), timer.atRiskAt(), timer.dueAt()),
                scopeOf(incidentId));
    }

    static void scheduleBreach(IncidentId incidentId, TimerId timerId, Instant dueAt, DeadlineManager deadlines) {
        deadlines.schedule(dueAt.plus(FirstResponseDeadlines.AFTER_DUE), BREACH, new TimerDueInstantPassed(timerId, dueAt),
                scopeOf(incidentId));
    }

    private static AggregateScopeDescriptor scopeOf(IncidentId incidentId) {
        return new AggregateScopeDescriptor(Incident.class.getSimpleName(), incidentId.toString());
    }
}
