package dev.incidentsla.contract;

import dev.incidentsla.api.contract.ProgramEntitlement;
import dev.incidentsla.api.contract.SupportLocation;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * The current version of a contract, as PUT registered it.
 *
 * @param supportLocation the primary location, with its id ({@code primary} for a contract's only location given none)
 * @param supportLocations every location, the primary among them, each with its id
 */
@Schema(requiredProperties = {"contractId", "version", "customerName", "supportLocation", "supportLocations", "programs",
        "registeredAt"})
public record ContractView(String contractId, int version, String customerName, SupportLocation supportLocation,
                           List<ProgramEntitlement> programs, Instant registeredAt, List<SupportLocation> supportLocations) {
}
