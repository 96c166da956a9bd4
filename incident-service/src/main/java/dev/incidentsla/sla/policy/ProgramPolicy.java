package dev.incidentsla.sla.policy;

import dev.incidentsla.api.Severity;

import java.util.List;
import java.util.Set;

/**
 * A program of SLA-RULES section 3 as data.
 *
 * @param heldByEveryContract the base program, implied when a contract does not list it
 * @param seniorIncidentManagerFor severities at which the program assigns a senior incident manager
 * @param rules the program's target rows, first match wins
 */
public record ProgramPolicy(String program, boolean heldByEveryContract, Coverage coverage,
                            Set<Severity> seniorIncidentManagerFor, List<TargetRule> rules) {

    public ProgramPolicy {
        seniorIncidentManagerFor = Set.copyOf(seniorIncidentManagerFor);
        rules = List.copyOf(rules);
    }
}
