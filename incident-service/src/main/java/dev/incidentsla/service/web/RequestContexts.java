package dev.incidentsla.service.web;

import dev.incidentsla.edge.access.Caller;
import dev.incidentsla.service.RequestContext;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.UUID;

/**
 * Who sent a request and its correlation id ({@code X-Correlation-Id} or new). With a token the actor is its subject
 * and {@code X-Actor} only says on whose behalf; without access control (the loopback-only local run) {@code X-Actor}
 * names the actor.
 */
final class RequestContexts {

    static final String ACTOR_HEADER = "X-Actor";
    static final String CORRELATION_HEADER = "X-Correlation-Id";
    private static final int MAX_HEADER_VALUE = 200;

    private RequestContexts() {
    }

    static Mono<RequestContext> of(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        String correlationId = headerOr(request, CORRELATION_HEADER, UUID.randomUUID().toString());
        String claimedActor = headerOr(request, ACTOR_HEADER, null);
        exchange.getResponse().getHeaders().set(CORRELATION_HEADER, correlationId);
        return Caller.of(exchange).map(caller -> caller.subject() != null
                ? new RequestContext(caller.subject(), claimedActor, correlationId)
                : new RequestContext(claimedActor == null ? "anonymous" : claimedActor, null, correlationId));
    }

    /** A header's value as recorded in the history: printable and short, or the request is malformed. */
    private static String headerOr(ServerHttpRequest request, String header, String fallback) {
        String value = request.getHeaders().getFirst(header);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String stripped = value.strip();
        if (stripped.length() > MAX_HEADER_VALUE || stripped.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new BadRequestException(header + " must be at most " + MAX_HEADER_VALUE + " printable characters");
        }
        return stripped;
    }
}
