package dev.incidentsla.contract;

import dev.incidentsla.api.contract.ContractEvent;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.service.EventHistory;
import dev.incidentsla.service.NotFoundException;
import dev.incidentsla.sla.engine.ContractHistory;
import dev.incidentsla.sla.engine.ContractTerms;
import org.springframework.stereotype.Component;

import java.util.List;

/** A contract's versions, read from its events. */
@Component
public class ContractDirectory {

    private final EventHistory history;

    public ContractDirectory(EventHistory history) {
        this.history = history;
    }

    public List<ContractEvent> versions(ContractId contractId) {
        List<ContractEvent> versions = history.of(contractId).stream()
                .map(message -> (ContractEvent) message.getPayload())
                .toList();
        if (versions.isEmpty()) {
            throw new NotFoundException("no contract '" + contractId.value() + "'");
        }
        return versions;
    }

    /** The version in force at an instant (SLA-RULES 7.1). */
    public ContractTerms inForceAt(ContractId contractId, java.time.Instant instant) {
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
        return new ContractTerms(version.contractId().value(), version.version(), version.supportLocation(), version.programs());
    }
}
