package dev.incidentsla.service.web;

import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.service.NotFoundException;

/** Ids from requests: in a path to read, one that cannot be an id names nothing (404); chosen by a client, it is malformed (400). */
final class Ids {

    private Ids() {
    }

    static ContractId contract(String value) {
        try {
            return new ContractId(value);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no contract '" + value + "'");
        }
    }

    /** A contract id a client chose for a PUT: one that cannot be an id is malformed input (400). */
    static ContractId newContract(String value) {
        try {
            return new ContractId(value);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    /** An incident id a client chose for an open: one that cannot be an id is malformed input (400). */
    static void requireValidIncidentId(String value) {
        try {
            new IncidentId(value);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    static IncidentId incident(String value) {
        try {
            return new IncidentId(value);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no incident '" + value + "'");
        }
    }
}
