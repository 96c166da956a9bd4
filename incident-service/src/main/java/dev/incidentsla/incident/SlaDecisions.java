package dev.incidentsla.incident;

import dev.incidentsla.api.CustomerRequestKind;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaDecision;
import dev.incidentsla.api.SlaTimer;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.contract.ContractDirectory;
import dev.incidentsla.sla.engine.ContractTerms;
import dev.incidentsla.sla.engine.FirstResponseSla;
import dev.incidentsla.sla.engine.IncidentFacts;
import dev.incidentsla.sla.engine.IncidentTimers;
import dev.incidentsla.sla.engine.RegradeOutcome;
import dev.incidentsla.sla.engine.SlaEngine;
import dev.incidentsla.sla.engine.TimerEngine;
import dev.incidentsla.sla.engine.TimerRuleException;
import dev.incidentsla.sla.engine.TimerSla;
import dev.incidentsla.sla.policy.TimerRule;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the incident aggregate asks of the SLA engine, with the contract version that applies. Decisions are counted as
 * {@code incident_sla_decisions_total} by kind ({@code open}, {@code regrade}), program and rule, once the command that
 * made them has committed (a command retried after a concurrency conflict decides again, but records once).
 */
@Component
public class SlaDecisions {

    static final String COUNTER = "incident.sla.decisions";

    private final SlaEngine engine;
    private final ContractDirectory contracts;
    private final MeterRegistry meters;
    private final TimerEngine timers;
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

    public SlaDecisions(SlaEngine engine, ContractDirectory contracts, MeterRegistry meters) {
        this.engine = engine;
        this.contracts = contracts;
        this.meters = meters;
        this.timers = new TimerEngine(engine);
    }

    /**
     * An incident's opening decision, and the id of the contract location it is supported from: the one it named, or
     * the primary location of the contract version in force at its submission.
     */
    public record Opening(SlaDecision firstResponse, String supportLocation) {
    }

    /** The decision for a newly submitted incident, under the contract version in force at its submission. */
    public SlaDecision opening(ContractId contractId, IncidentFacts incident) {
        return open(contractId, incident).firstResponse();
    }

    /**
     * {@link #opening}, with the location the incident is supported from.
     *
     * @throws dev.incidentsla.sla.engine.UnknownLocationException when it names a location the contract lacks
     */
    public Opening open(ContractId contractId, IncidentFacts incident) {
        ContractTerms terms = contracts.inForceAt(contractId, incident.submittedAt());
        SlaDecision decision = engine.open(terms, incident).decision();
        countOnCommit("open", decision);
        return new Opening(decision, terms.location(incident.supportLocation()).id());
    }

    /** A re-grade judged under the contract version the incident was opened with (coverage at submission). */
    public RegradeOutcome regrade(ContractId contractId, int contractVersion, IncidentFacts incident, FirstResponseSla current,
                                  Severity severity, boolean aroundTheClock, Instant at) {
        RegradeOutcome outcome = engine.regrade(contracts.version(contractId, contractVersion), incident, current, severity,
                aroundTheClock, at);
        countOnCommit("regrade", outcome.sla().decision());
        return outcome;
    }

    /** The timers that start with the incident's submission, under the contract version it was opened with. */
    public List<TimerSla> timersAtSubmission(ContractId contractId, int contractVersion, IncidentFacts incident) {
        return timers.atSubmission(contracts.version(contractId, contractVersion), incident);
    }

    /** A new customer timer of the kind support asks for; coverage judged under the incident's contract version. */
    public TimerSla askCustomer(ContractId contractId, int contractVersion, IncidentFacts incident, IncidentTimers current,
                                CustomerRequestKind kind, Instant at) {
        return timers.askCustomer(contracts.version(contractId, contractVersion), incident, current, kind, at);
    }

    /** The RCA timer of a request; {@code mitigatedAt} and {@code closedAt} null while unknown. */
    public TimerSla requestRca(ContractId contractId, int contractVersion, IncidentFacts incident, IncidentTimers current,
                               Instant requestedAt, Instant mitigatedAt, Instant closedAt) {
        return timers.requestRca(contracts.version(contractId, contractVersion), incident, current, requestedAt, mitigatedAt,
                closedAt);
    }

    /** A requested RCA's clock, started by the mitigation. */
    public TimerSla rcaMitigated(ContractId contractId, int contractVersion, IncidentFacts incident, TimerSla rca,
                                 Instant mitigatedAt) {
        return timers.mitigated(contracts.version(contractId, contractVersion), incident, rca, mitigatedAt);
    }

    public List<TimerSla> timersCancelledByRegrade(IncidentTimers current, Severity severity, Instant at) {
        return timers.cancelledByRegrade(current, severity, at);
    }

    public List<TimerSla> timersCancelledByClose(IncidentTimers current, Instant at) {
        return timers.cancelledByClose(current, at);
    }

    /** The customer timer that a request of this kind starts and its answer stops. */
    public SlaTimer customerTimer(CustomerRequestKind kind) {
        return engine.policy().timers().stream().filter(rule -> rule.requestKind() == kind).findFirst()
                .map(TimerRule::timer)
                .orElseThrow(() -> new TimerRuleException("policy " + engine.policy().policyVersion()
                        + " has no timer for customer requests of kind " + kind));
    }

    private void countOnCommit(String kind, SlaDecision decision) {
        List<String> tags = List.of(kind, Objects.requireNonNullElse(decision.program(), "none"),
                Objects.requireNonNullElse(decision.rule(), "none"));
        Counter counter = counters.computeIfAbsent(tags, key -> Counter.builder(COUNTER)
                .description("SLA decisions recorded in incidents' histories")
                .tag("kind", key.get(0))
                .tag("program", key.get(1))
                .tag("rule", key.get(2))
                .register(meters));
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> counter.increment());
        } else {
            counter.increment();
        }
    }
}
