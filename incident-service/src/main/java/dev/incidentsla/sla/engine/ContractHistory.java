package dev.incidentsla.sla.engine;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The versions of one contract. An incident uses the version in force at its submission; one submitted
 * before the first version (a back-dated import) uses the first version (SLA-RULES 7.1).
 */
public record ContractHistory(List<Version> versions) {

    public record Version(Instant registeredAt, ContractTerms terms) {
    }

    public ContractHistory {
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("a contract has at least one version");
        }
        versions = versions.stream().sorted(Comparator.comparing(Version::registeredAt)).toList();
    }

    public ContractTerms inForceAt(Instant submittedAt) {
        Version inForce = versions.get(0);
        for (Version version : versions) {
            if (!version.registeredAt().isAfter(submittedAt)) {
                inForce = version;
            }
        }
        return inForce.terms();
    }
}
