package dev.incidentsla.service.web;

import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.edge.access.Caller;
import dev.incidentsla.service.IncidentContracts;
import dev.incidentsla.service.NotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A token limited to some contracts (its {@code contracts} claim) finds nothing else: another contract, or an incident
 * of one, reads as absent (404), exactly as if it did not exist, so that its existence is not told either.
 */
@Component
class Visibility {

    private final IncidentContracts incidentContracts;

    Visibility(IncidentContracts incidentContracts) {
        this.incidentContracts = incidentContracts;
    }

    Mono<Caller> ofContract(ServerWebExchange exchange, String contractId) {
        return Caller.of(exchange).map(caller -> {
            if (!caller.mayUse(contractId)) {
                throw new NotFoundException("no contract '" + contractId + "'");
            }
            return caller;
        });
    }

    /** An incident that does not exist passes: the service answers 404 for it as for everyone. */
    Mono<Caller> ofIncident(ServerWebExchange exchange, IncidentId incidentId) {
        return Caller.of(exchange).flatMap(caller -> !caller.isLimited() ? Mono.just(caller) : Blocking.call(() -> {
            if (!incidentContracts.contractOf(incidentId).map(caller::mayUse).orElse(true)) {
                throw new NotFoundException("no incident '" + incidentId.value() + "'");
            }
            return caller;
        }));
    }
}
