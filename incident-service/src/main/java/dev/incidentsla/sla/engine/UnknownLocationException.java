package dev.incidentsla.sla.engine;

import dev.incidentsla.api.contract.SupportLocation;

import java.util.stream.Collectors;

/** An incident names a support location its contract does not have. */
public final class UnknownLocationException extends IllegalArgumentException {

    public UnknownLocationException(String locationId, ContractTerms contract) {
        super("contract '" + contract.contractId() + "' version " + contract.version() + " has no support location '"
                + locationId + "' (its locations: " + contract.locations().stream().map(SupportLocation::id)
                .collect(Collectors.joining(", ")) + ")");
    }
}
