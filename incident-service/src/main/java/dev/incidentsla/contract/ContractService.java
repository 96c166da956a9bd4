package dev.incidentsla.contract;

import dev.incidentsla.api.contract.ContractEvent;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.contract.ProgramEntitlement;
import dev.incidentsla.api.contract.RegisterContract;
import dev.incidentsla.api.contract.SupportLocation;
import dev.incidentsla.service.CommandSender;
import dev.incidentsla.service.RequestContext;
import dev.incidentsla.sla.engine.ContractTerms;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.List;

/** Registers and reads contracts. Blocking: call it off the event loop. */
@Service
public class ContractService {

    private final CommandSender commands;
    private final ContractDirectory directory;
    private final Clock clock;

    public ContractService(CommandSender commands, ContractDirectory directory, Clock clock) {
        this.commands = commands;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * The version this registration produced (or kept, for terms equal to the current ones), as the command handler
     * answered it: a concurrent registration may have added a later version by the time this one reads.
     */
    public ContractView register(ContractId contractId, String customerName, SupportLocation location,
                                 List<SupportLocation> locations, List<ProgramEntitlement> programs, RequestContext context) {
        int version = commands.send(new RegisterContract(contractId, customerName, location, programs, clock.instant(),
                locations), context);
        List<ContractEvent> versions = directory.versions(contractId);
        return versions.stream().filter(candidate -> candidate.version() == version).findFirst()
                .map(ContractService::view)
                .orElseThrow(() -> new IllegalStateException("contract " + contractId.value() + " answered version "
                        + version + ", which its history lacks"));
    }

    /** {@link #register} of a contract with one support location. */
    public ContractView register(ContractId contractId, String customerName, SupportLocation location,
                                 List<ProgramEntitlement> programs, RequestContext context) {
        return register(contractId, customerName, location, null, programs, context);
    }

    public ContractView current(ContractId contractId) {
        List<ContractEvent> versions = directory.versions(contractId);
        return view(versions.get(versions.size() - 1));
    }

    private static ContractView view(ContractEvent version) {
        ContractTerms terms = ContractDirectory.terms(version);
        return new ContractView(version.contractId().value(), version.version(), version.customerName(),
                terms.location(), version.programs(), version.registeredAt(), terms.locations());
    }
}
