package dev.incidentsla.sla.policy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Every rule of SLA-RULES.md as data: programs in section-3 order (the tie-break order), their targets,
 * coverage and exclusion lists, the product catalog, the urgency order and the at-risk share.
 */
public record SlaPolicy(String policyVersion, BigDecimal atRiskShare, LocationDefaults locationDefaults,
                        UrgencyScale urgency, ProductCatalog products, List<ProgramPolicy> programs) {

    public SlaPolicy {
        programs = List.copyOf(programs);
        if (atRiskShare.signum() <= 0 || atRiskShare.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("atRiskShare must be between 0 and 1, got " + atRiskShare);
        }
        if (programs.stream().noneMatch(ProgramPolicy::heldByEveryContract)) {
            throw new IllegalArgumentException("the policy needs a base program held by every contract");
        }
    }

    public Optional<ProgramPolicy> program(String name) {
        return programs.stream().filter(program -> program.program().equals(name)).findFirst();
    }
}
