package dev.incidentsla.incident;

import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaDecision;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.contract.ContractDirectory;
import dev.incidentsla.sla.engine.ContractTerms;
import dev.incidentsla.sla.engine.FirstResponseSla;
import dev.incidentsla.sla.engine.IncidentFacts;
import dev.incidentsla.sla.engine.RegradeOutcome;
import dev.incidentsla.sla.engine.SlaEngine;
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
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

    public SlaDecisions(SlaEngine engine, ContractDirectory contracts, MeterRegistry meters) {
        this.engine = engine;
        this.contracts = contracts;
        this.meters = meters;
    }

    /** The decision for a newly submitted incident, under the contract version in force at its submission. */
    public SlaDecision opening(ContractId contractId, IncidentFacts incident) {
        ContractTerms terms = contracts.inForceAt(contractId, incident.submittedAt());
        SlaDecision decision = engine.open(terms, incident).decision();
        countOnCommit("open", decision);
        return decision;
    }

    /** A re-grade judged under the contract version the incident was opened with (coverage at submission). */
    public RegradeOutcome regrade(ContractId contractId, int contractVersion, IncidentFacts incident, FirstResponseSla current,
                                  Severity severity, boolean aroundTheClock, Instant at) {
        RegradeOutcome outcome = engine.regrade(contracts.version(contractId, contractVersion), incident, current, severity,
                aroundTheClock, at);
        countOnCommit("regrade", outcome.sla().decision());
        return outcome;
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
