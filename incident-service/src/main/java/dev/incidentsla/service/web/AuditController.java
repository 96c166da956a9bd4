package dev.incidentsla.service.web;

import dev.incidentsla.service.AuditLog;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    private static final int MAX_LIMIT = 10_000;

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    /** The global stream as NDJSON, one event a line, in storage order. */
    @GetMapping(value = "/events", produces = MediaType.APPLICATION_NDJSON_VALUE)
    Flux<AuditLog.Entry> events(@RequestParam(defaultValue = "-1") long after, @RequestParam(defaultValue = "1000") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("limit must be between 1 and " + MAX_LIMIT);
        }
        return Blocking.call(() -> audit.after(after, limit)).flatMapIterable(entries -> entries);
    }
}
