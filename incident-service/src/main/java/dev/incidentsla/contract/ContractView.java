package dev.incidentsla.contract;

import dev.incidentsla.api.contract.ProgramEntitlement;
import dev.incidentsla.api.contract.SupportLocation;

import java.time.Instant;
import java.util.List;

/** The current version of a contract, as PUT registered it. */
public record ContractView(String contractId, int version, String customerName, SupportLocation supportLocation,
                           List<ProgramEntitlement> programs, Instant registeredAt) {
}
