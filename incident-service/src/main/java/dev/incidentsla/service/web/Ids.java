package dev.incidentsla.service.web;

import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.service.NotFoundException;

/** Path ids: one that cannot be an id names nothing (404). */
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

    static IncidentId incident(String value) {
        try {
            return new IncidentId(value);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no incident '" + value + "'");
        }
    }
}
