package dev.incidentsla.api.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * A contract's next version.
 *
 * @param supportLocation the primary location: the one an incident that names none is supported from
 * @param supportLocations every location of the contract, the primary among them, each with its id; absent (and left
 *                         out of the stored form) for a contract with one location, as every version recorded before
 *                         contracts held several locations is
 */
@Revision("2")
public record ContractAmended(ContractId contractId, int version, String customerName, SupportLocation supportLocation,
                              List<ProgramEntitlement> programs, Instant registeredAt,
                              @JsonInclude(JsonInclude.Include.NON_NULL) List<SupportLocation> supportLocations)
        implements ContractEvent {

    public ContractAmended {
        supportLocations = supportLocations == null ? null : List.copyOf(supportLocations);
    }

    /** A version with one support location. */
    public ContractAmended(ContractId contractId, int version, String customerName, SupportLocation supportLocation,
                           List<ProgramEntitlement> programs, Instant registeredAt) {
        this(contractId, version, customerName, supportLocation, programs, registeredAt, null);
    }
}
