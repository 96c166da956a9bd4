package dev.incidentsla.edge.problem;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a problem as {@code application/problem+json} whatever the request's {@code Accept} says: a client that
 * asked for something the service cannot give still learns why in the one error format it documents.
 */
public final class ProblemResponses {

    public static final String MEDIA_TYPE = MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    private static final JsonMapper JSON = JsonMapper.shared();

    private ProblemResponses() {
    }

    public static Mono<Void> write(ServerWebExchange exchange, Problem problem) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(problem.status());
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().remove("Content-Length");
        DataBuffer body = response.bufferFactory().wrap(bytes(problem, exchange.getRequest().getPath().value()));
        return response.writeWith(Mono.just(body));
    }

    /** The problem document; {@code instance} is the request's path, or absent when the path itself was unusable. */
    public static byte[] bytes(Problem problem, String instance) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("type", "about:blank");
        document.put("title", problem.title());
        document.put("status", problem.status().value());
        document.put("detail", problem.detail());
        if (instance != null) {
            document.put("instance", instance);
        }
        return JSON.writeValueAsBytes(document);
    }
}
