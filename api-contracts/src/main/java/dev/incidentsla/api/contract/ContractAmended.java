package dev.incidentsla.api.contract;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

@Revision("1")
public record ContractAmended(ContractId contractId, int version, String customerName, SupportLocation supportLocation,
                              List<ProgramEntitlement> programs, Instant registeredAt) implements ContractEvent {
}
