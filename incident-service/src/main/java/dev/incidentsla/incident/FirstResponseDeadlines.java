package dev.incidentsla.incident;

import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.sla.engine.FirstResponseSla;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.AggregateScopeDescriptor;

import java.time.Duration;
import java.time.Instant;

/**
 * The two instants of a first-response SLA that the incident must notice when they pass, as deadlines of Axon's
 * {@link DeadlineManager}, one at a time: a command schedules the at-risk instant, and the at-risk deadline, when it
 * comes, schedules the breach. So an open or a re-grade writes one deadline row, and an SLA met before its at-risk
 * instant never gets a breach row. A deadline that no longer applies (the SLA stopped, or a re-grade moved it) is not
 * removed: when it comes, the incident finds nothing to record. That keeps a response or close a single append.
 */
final class FirstResponseDeadlines {

    static final String AT_RISK = "first-response-at-risk";
    static final String BREACH = "first-response-breach";

    /** A response at exactly {@code dueAt} is met: the breach is judged just after it. */
    static final Duration AFTER_DUE = Duration.ofMillis(1);

    /** The at-risk instant of the deadline the payload names has come. */
    record AtRiskInstantPassed(Instant atRiskAt, Instant dueAt) {
    }

    /** The deadline the payload names has passed. */
    record DueInstantPassed(Instant dueAt) {
    }

    private FirstResponseDeadlines() {
    }

    /**
     * Schedules the SLA's first instant, its at-risk one, on the incident's own scope; the breach follows from it. The
     * scope names the aggregate by its stored identifier ({@code incident:<id>}), which is what the repository loads.
     */
    static void schedule(IncidentId incidentId, FirstResponseSla sla, DeadlineManager deadlines) {
        deadlines.schedule(sla.decision().atRiskAt(), AT_RISK, new AtRiskInstantPassed(sla.decision().atRiskAt(), sla.dueAt()),
                scopeOf(incidentId));
    }

    static void scheduleBreach(IncidentId incidentId, Instant dueAt, DeadlineManager deadlines) {
        deadlines.schedule(dueAt.plus(AFTER_DUE), BREACH, new DueInstantPassed(dueAt), scopeOf(incidentId));
    }

    private static AggregateScopeDescriptor scopeOf(IncidentId incidentId) {
        return new AggregateScopeDescriptor(Incident.class.getSimpleName(), incidentId.toString());
    }
}
