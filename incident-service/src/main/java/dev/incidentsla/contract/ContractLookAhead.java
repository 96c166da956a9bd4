package dev.incidentsla.contract;

import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.incident.OpenIncident;
import dev.incidentsla.service.GroupReads;
import dev.incidentsla.service.LastSequences;
import org.axonframework.commandhandling.CommandMessage;
import org.springframework.stereotype.Component;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The looks at the contracts a group's opens name, taken for all of them in one query. Each open asks its contract's
 * last sequence number before it answers the version in force ({@link ContractDirectory}), once per transaction and
 * contract; the opens of a burst name many contracts, so a group asked the store about once per open, a round trip each
 * and about two in five of its transaction's (BENCHMARKS.md, twelfth session). The look is the same, read in the
 * group's transaction at its start, as the directory's own would be at the first of the opens. A contract without
 * events gets no look here: its open asks the store itself, and is refused, as alone.
 */
@Component
class ContractLookAhead implements GroupReads {

    private final LastSequences lastSequences;
    private final ContractDirectory directory;

    ContractLookAhead(LastSequences lastSequences, ContractDirectory directory) {
        this.lastSequences = lastSequences;
        this.directory = directory;
    }

    @Override
    public void readAhead(List<CommandMessage<?>> group) {
        Set<ContractId> opened = new LinkedHashSet<>();
        for (CommandMessage<?> command : group) {
            if (command.getPayload() instanceof OpenIncident open) {
                opened.add(open.contractId());
            }
        }
        if (!opened.isEmpty()) {
            lastSequences.of(List.copyOf(opened)).forEach(directory::lookedAhead);
        }
    }
}
