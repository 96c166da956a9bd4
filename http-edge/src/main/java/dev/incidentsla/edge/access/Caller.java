package dev.incidentsla.edge.access;

import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Set;

/**
 * Who is calling, as the token says: its subject and the contracts it is limited to. With access control off (the
 * loopback-only local run) the caller is nobody in particular and may use every contract.
 *
 * @param subject   the token's {@code sub}, or null without access control
 * @param contracts the contract ids the token is limited to, or null for all of them
 */
public record Caller(String subject, Set<String> contracts) {

    public static final Caller UNRESTRICTED = new Caller(null, null);

    public Caller {
        contracts = contracts == null ? null : Set.copyOf(contracts);
    }

    public static Mono<Caller> of(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .filter(CallerAuthentication.class::isInstance)
                .map(principal -> ((CallerAuthentication) principal).caller())
                .defaultIfEmpty(UNRESTRICTED);
    }

    public boolean isLimited() {
        return contracts != null;
    }

    /** Whether this caller may see and act on the contract (an unknown one included: it then reads as absent). */
    public boolean mayUse(String contractId) {
        return contracts == null || contracts.contains(contractId);
    }
}
