package dev.incidentsla.api.contract;

import java.time.Instant;
import java.util.List;

/** A version of a contract's terms; an incident uses the version in force at its submission. */
public sealed interface ContractEvent permits ContractRegistered, ContractAmended {

    ContractId contractId();

    int version();

    String customerName();

    /** The primary location. */
    SupportLocation supportLocation();

    /** Every location, the primary among them; null for a version with one location. */
    List<SupportLocation> supportLocations();

    List<ProgramEntitlement> programs();

    Instant registeredAt();
}
