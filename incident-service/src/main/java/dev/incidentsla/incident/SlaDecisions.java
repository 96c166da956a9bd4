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
import org.springframework.stereotype.Component;

import java.time.Instant;

/** What the incident aggregate asks of the SLA engine, with the contract version that applies. */
@Component
public class SlaDecisions {

    private final SlaEngine engine;
    private final ContractDirectory contracts;

    public SlaDecisions(SlaEngine engine, ContractDirectory contracts) {
        this.engine = engine;
        this.contracts = contracts;
    }

    /** The decision for a newly submitted incident, under the contract version in force at its submission. */
    public SlaDecision opening(ContractId contractId, IncidentFacts incident) {
        ContractTerms terms = contracts.inForceAt(contractId, incident.submittedAt());
        return engine.open(terms, incident).decision();
    }

    /** A re-grade judged under the contract version the incident was opened with (coverage at submission). */
    public RegradeOutcome regrade(ContractId contractId, int contractVersion, IncidentFacts incident, FirstResponseSla current,
                                  Severity severity, boolean aroundTheClock, Instant at) {
        return engine.regrade(contracts.version(contractId, contractVersion), incident, current, severity, aroundTheClock, at);
    }
}
