package dev.incidentsla.contract;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.incidentsla.api.contract.ContractEvent;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.service.EventHistory;
import dev.incidentsla.service.NotFoundException;
import dev.incidentsla.sla.engine.ContractHistory;
import dev.incidentsla.sla.engine.ContractTerms;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A contract's versions, read from its events. Every incident opened reads its contract, and contracts change rarely,
 * so the versions read are kept. Which version is in force depends on every version there is, so before answering it
 * the store is asked for the contract's last sequence number (one indexed lookup, once per transaction): a version
 * registered a moment ago by another node is never missed. A version named by its number is a fact that never changes
 * once registered: a version kept answers without asking the store.
 */
@Component
public class ContractDirectory {

    private static final int REMEMBERED_CONTRACTS = 10_000;
    private static final String LAST_SEQUENCE = ContractDirectory.class.getName() + ".lastSequence:";

    private final EventHistory history;
    private final Cache<String, List<ContractEvent>> versionsByContract = Caffeine.newBuilder()
            .maximumSize(REMEMBERED_CONTRACTS)
            .build();

    public ContractDirectory(EventHistory history) {
        this.history = history;
    }

    public List<ContractEvent> versions(ContractId contractId) {
        long lastSequence = lastSequence(contractId);
        List<ContractEvent> known = versionsByContract.getIfPresent(contractId.value());
        // more versions kept than this transaction's look found: read from the store after that look, so not older
        if (known != null && known.size() >= lastSequence + 1) {
            return known;
        }
        return read(contractId);
    }

    /**
     * Asked once per transaction: the commands of a group (one root unit of work) share one look, as they share their
     * commit. A version registered concurrently may go unseen for the group's few milliseconds instead of one command's,
     * the same race a lone command has between its look and its commit.
     */
    private long lastSequence(ContractId contractId) {
        if (!CurrentUnitOfWork.isStarted()) {
            return storedLastSequence(contractId);
        }
        UnitOfWork<?> transaction = CurrentUnitOfWork.get().root();
        String key = lookKey(contractId);
        Long known = transaction.getResource(key);
        if (known != null) {
            return known;
        }
        // not computed inside the resource map: reading the store adds resources of its own to the unit of work
        long stored = storedLastSequence(contractId);
        transaction.resources().put(key, stored);
        return stored;
    }

    /**
     * The contract's last sequence number as the current transaction's look found it, read ahead for the commands of a
     * group ({@link ContractLookAhead}): the directory does not ask the store for it again in this transaction. A look
     * this transaction already took stands.
     */
    void lookedAhead(ContractId contractId, long lastSequence) {
        CurrentUnitOfWork.get().root().resources().putIfAbsent(lookKey(contractId), lastSequence);
    }

    /** Where the transaction (its root unit of work) keeps its look at the contract. */
    private static String lookKey(ContractId contractId) {
        return LAST_SEQUENCE + contractId.value();
    }

    private long storedLastSequence(ContractId contractId) {
        return history.lastSequence(contractId)
                .orElseThrow(() -> new NotFoundException("no contract '" + contractId.value() + "'"));
    }

    /** The version in force at an instant (SLA-RULES 7.1). */
    public ContractTerms inForceAt(ContractId contractId, Instant instant) {
        return new ContractHistory(versions(contractId).stream()
                .map(version -> new ContractHistory.Version(version.registeredAt(), terms(version)))
                .toList()).inForceAt(instant);
    }

    /** A version by its number: the one kept, else the contract's events read again (a version registered since). */
    public ContractTerms version(ContractId contractId, int version) {
        List<ContractEvent> known = versionsByContract.getIfPresent(contractId.value());
        return numbered(known == null ? List.of() : known, version)
                .or(() -> numbered(read(contractId), version))
                .map(ContractDirectory::terms)
                .orElseThrow(() -> new NotFoundException("contract '" + contractId.value() + "' has no version " + version));
    }

    private static Optional<ContractEvent> numbered(List<ContractEvent> versions, int version) {
        return versions.stream().filter(candidate -> candidate.version() == version).findFirst();
    }

    private List<ContractEvent> read(ContractId contractId) {
        List<ContractEvent> versions = history.of(contractId).stream()
                .map(message -> (ContractEvent) message.getPayload())
                .toList();
        if (versions.isEmpty()) {
            throw new NotFoundException("no contract '" + contractId.value() + "'");
        }
        versionsByContract.put(contractId.value(), versions);
        return versions;
    }

    static ContractTerms terms(ContractEvent version) {
        return new ContractTerms(version.contractId().value(), version.version(), version.supportLocation(),
                version.supportLocations(), version.programs());
    }
}
