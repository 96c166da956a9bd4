package dev.incidentsla.contract;

import dev.incidentsla.api.contract.ContractAmended;
import dev.incidentsla.api.contract.ContractEvent;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.contract.ContractRegistered;
import dev.incidentsla.api.contract.ProgramEntitlement;
import dev.incidentsla.api.contract.RegisterContract;
import dev.incidentsla.api.contract.SupportLocation;
import dev.incidentsla.service.CommandTargets;
import dev.incidentsla.sla.engine.ContractTerms;
import dev.incidentsla.sla.engine.InvalidContractException;
import dev.incidentsla.sla.engine.SlaEngine;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A customer's contract: every change of terms is a new version. */
@Aggregate(commandTargetResolver = CommandTargets.BEAN)
public class Contract {

    @AggregateIdentifier
    private ContractId contractId;
    private int version;
    private String customerName;
    private SupportLocation supportLocation;
    private List<SupportLocation> supportLocations;
    private List<ProgramEntitlement> programs;
    private Instant lastRegisteredAt;

    protected Contract() {
    }

    /**
     * Registers the first version or amends; terms equal to the current ones change nothing. Returns the version.
     * Locations are recorded as given: a contract with one location keeps the form every contract had before contracts
     * held several, and one given only {@code supportLocations} records their first as its primary.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public int handle(RegisterContract command, SlaEngine engine) {
        if (command.customerName() == null || command.customerName().isBlank()) {
            throw new InvalidContractException("customerName is required");
        }
        List<ProgramEntitlement> programs = command.programs() == null ? List.of() : List.copyOf(command.programs());
        List<SupportLocation> locations = command.supportLocations() == null || command.supportLocations().isEmpty()
                ? null : command.supportLocations();
        SupportLocation primary = command.supportLocation() != null || locations == null
                ? command.supportLocation() : locations.get(0);
        ContractTerms terms = new ContractTerms(command.contractId().value(), version + 1, primary, locations, programs);
        engine.validate(terms);
        if (version > 0 && command.customerName().equals(customerName) && programs.equals(this.programs)
                && terms.sameLocationsAs(new ContractTerms(terms.contractId(), version, supportLocation, supportLocations,
                        this.programs))) {
            return version;
        }
        Instant registeredAt = inForceFrom(command.at());
        apply(version == 0
                ? new ContractRegistered(command.contractId(), 1, command.customerName(), primary, programs, registeredAt,
                        locations)
                : new ContractAmended(command.contractId(), version + 1, command.customerName(), primary, programs,
                        registeredAt, locations));
        return version;
    }

    /**
     * A version is in force from its registration, and versions are told apart by that instant: a later version never
     * starts before the one it amends. The instant was taken from a node's clock before the command was sent, so a
     * concurrent registration, or a node whose clock runs behind, may have recorded a later one first.
     */
    private Instant inForceFrom(Instant requested) {
        return lastRegisteredAt != null && requested.isBefore(lastRegisteredAt) ? lastRegisteredAt : requested;
    }

    @EventSourcingHandler
    void on(ContractEvent event) {
        contractId = event.contractId();
        version = event.version();
        customerName = event.customerName();
        supportLocation = event.supportLocation();
        supportLocations = event.supportLocations();
        programs = Objects.requireNonNullElse(event.programs(), List.of());
        lastRegisteredAt = event.registeredAt();
    }
}
