package dev.incidentsla.service.web;

import dev.incidentsla.edge.access.Caller;
import dev.incidentsla.service.AuditLog;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    private static final int MAX_LIMIT = 10_000;

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    /**
     * The global stream as NDJSON, one event a line, in storage order; a token limited to some contracts sees their
     * events and their incidents' only.
     */
    @GetMapping(value = "/events", produces = MediaType.APPLICATION_NDJSON_VALUE)
    Flux<AuditLog.Entry> events(@RequestParam(defaultValue = "-1") long after, @RequestParam(defaultValue = "1000") int limit,
                                ServerWebExchange exchange) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("limit must be between 1 and " + MAX_LIMIT);
        }
        return Caller.of(exchange).publishOn(Schedulers.boundedElastic())
                .map(caller -> audit.after(after, limit, caller.contracts()))
                .flatMapIterable(entries -> entries);
    }
}
