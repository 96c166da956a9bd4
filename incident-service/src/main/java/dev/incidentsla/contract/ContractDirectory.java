package dev.incidentsla.contract;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.incidentsla.api.contract.ContractEvent;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.service.EventHistory;
import dev.incidentsla.service.NotFoundException;
import dev.incidentsla.sla.engine.ContractHistory;
import dev.incidentsla.sla.engine.ContractTerms;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * A contract's versions, read from its events. Every incident opened reads its contract, and contracts change rarely,
 * so the versions read are kept; before they are used, the store is asked for the contract's last sequence number (one
 * indexed lookup), so that a version registered a moment ago by another node is never missed.
 */
@Component
public class ContractDirectory {

    private static final int REMEMBERED_CONTRACTS = 10_000;

    private final EventHistory history;
    private final Cache<String, List<ContractEvent>> versionsByContract = Caffeine.newBuilder()
            .maximumSize(REMEMBERED_CONTRACTS)
            .build();

    public ContractDirectory(EventHistory history) {
        this.history = history;
    }

    public List<ContractEvent> versions(ContractId contractId) {
        long lastSequence = history.lastSequence(contractId)
                .orElseThrow(() -> new NotFoundException("no contract '" + contractId.value() + "'"));
        List<ContractEvent> known = versionsByContract.getIfPresent(contractId.value());
        if (known != null && known.size() == lastSequence + 1) {
            return known;
        }
        List<ContractEvent> versions = history.of(contractId).stream()
                .map(message -> (ContractEvent) message.getPayload())
                .toList();
        if (versions.isEmpty()) {
            throw new NotFoundException("no contract '" + contractId.value() + "'");
        }
        versionsByContract.put(contractId.value(), versions);
        return versions;
    }

    /** The version in force at an instant (SLA-RULES 7.1). */
    public ContractTerms inForceAt(ContractId contractId, Instant instant) {
        return new ContractHistory(versions(contractId).stream()
                .map(version -> new ContractHistory.Version(version.registeredAt(), terms(version)))
                .toList()).inForceAt(instant);
    }

    public ContractTerms version(ContractId contractId, int version) {
        return versions(contractId).stream().filter(candidate -> candidate.version() == version).findFirst()
                .map(ContractDirectory::terms)
                .orElseThrow(() -> new NotFoundException("contract '" + contractId.value() + "' has no version " + version));
    }

    static ContractTerms terms(ContractEvent version) {
        return new ContractTerms(version.contractId().value(), version.version(), version.supportLocation(),
                version.supportLocations(), version.programs());
    }
}
