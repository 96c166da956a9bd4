package dev.incidentsla.service.web;

import dev.incidentsla.service.RequestContext;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.security.Principal;
import java.util.UUID;

/** Who sent a request ({@code X-Actor} or the principal) and its correlation id ({@code X-Correlation-Id} or new). */
final class RequestContexts {

    static final String ACTOR_HEADER = "X-Actor";
    static final String CORRELATION_HEADER = "X-Correlation-Id";

    private RequestContexts() {
    }

    static Mono<RequestContext> of(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        String correlationId = headerOr(request, CORRELATION_HEADER, UUID.randomUUID().toString());
        exchange.getResponse().getHeaders().set(CORRELATION_HEADER, correlationId);
        String actor = request.getHeaders().getFirst(ACTOR_HEADER);
        if (actor != null && !actor.isBlank()) {
            return Mono.just(new RequestContext(actor.strip(), correlationId));
        }
        return exchange.getPrincipal().map(Principal::getName)
                .defaultIfEmpty("anonymous")
                .map(name -> new RequestContext(name, correlationId));
    }

    private static String headerOr(ServerHttpRequest request, String header, String fallback) {
        String value = request.getHeaders().getFirst(header);
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
