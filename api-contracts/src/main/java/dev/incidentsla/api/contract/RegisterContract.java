package dev.incidentsla.api.contract;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Registers a contract, or amends it with a new version when its terms differ from the current ones.
 *
 * @param supportLocation the primary location; may be left out when {@code supportLocations} is given (its first entry
 *                        is the primary then); given with them, it must be the entry with its id
 * @param supportLocations every location, each with its id, or null (or empty) for a contract with one location
 */
public record RegisterContract(@TargetAggregateIdentifier ContractId contractId, String customerName,
                               SupportLocation supportLocation, List<ProgramEntitlement> programs, Instant at,
                               List<SupportLocation> supportLocations) {

    /** A contract with one location. */
    public RegisterContract(ContractId contractId, String customerName, SupportLocation supportLocation,
                            List<ProgramEntitlement> programs, Instant at) {
        this(contractId, customerName, supportLocation, programs, at, null);
    }
}
