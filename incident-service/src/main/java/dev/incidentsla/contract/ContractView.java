package dev.incidentsla.contract;

import dev.incidentsla.api.contract.ProgramEntitlement;
import dev.incidentsla.api.contract.SupportLocation;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** The current version of a contract, as PUT registered it. */
@Schema(requiredProperties = {"contractId", "version", "customerName", "supportLocation", "programs", "registeredAt"})
public record ContractView(String contractId, int version, String customerName, SupportLocation supportLocation,
                           List<ProgramEntitlement> programs, Instant registeredAt) {
}
