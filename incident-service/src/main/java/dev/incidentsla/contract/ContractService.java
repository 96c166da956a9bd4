package dev.incidentsla.contract;

import dev.incidentsla.api.contract.ContractEvent;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.contract.ProgramEntitlement;
import dev.incidentsla.api.contract.RegisterContract;
import dev.incidentsla.api.contract.SupportLocation;
import dev.incidentsla.service.CommandSender;
import dev.incidentsla.service.RequestContext;
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

    public ContractView register(ContractId contractId, String customerName, SupportLocation location,
                                 List<ProgramEntitlement> programs, RequestContext context) {
        commands.send(new RegisterContract(contractId, customerName, location, programs, clock.instant()), context);
        return current(contractId);
    }

    public ContractView current(ContractId contractId) {
        List<ContractEvent> versions = directory.versions(contractId);
        ContractEvent last = versions.get(versions.size() - 1);
        return new ContractView(contractId.value(), last.version(), last.customerName(), last.supportLocation(),
                last.programs(), last.registeredAt());
    }
}
