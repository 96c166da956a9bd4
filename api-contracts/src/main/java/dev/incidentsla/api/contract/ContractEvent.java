package dev.incidentsla.api.contract;

import java.time.Instant;
import java.util.List;

/** A version of a contract's terms; an incident uses the version in force at its submission. */
public sealed interface ContractEvent permits ContractRegistered, ContractAmended {

    ContractId contractId();

    int version();

    String customerName();

    SupportLocation supportLocation();

    List<ProgramEntitlement> programs();

    Instant registeredAt();
}
