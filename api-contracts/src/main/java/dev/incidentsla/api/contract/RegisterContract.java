package dev.incidentsla.api.contract;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** Registers a contract, or amends it with a new version when its terms differ from the current ones. */
public record RegisterContract(@TargetAggregateIdentifier ContractId contractId, String customerName,
                               SupportLocation supportLocation, List<ProgramEntitlement> programs, Instant at) {
}
