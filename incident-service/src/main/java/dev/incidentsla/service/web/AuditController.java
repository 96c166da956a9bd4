package dev.incidentsla.service.web;

import dev.incidentsla.edge.access.Caller;
import dev.incidentsla.service.AuditLog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Audit", description = "Every stored event of every incident and contract")
class AuditController {

    private static final int MAX_LIMIT = 10_000;
    /** The {@code after} of the next page: a token limited to some contracts may get fewer lines than were read. */
    static final String READ_THROUGH_HEADER = "X-Audit-Read-Through";

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    /**
     * The global stream as NDJSON, one event a line, in storage order; a token limited to some contracts sees their
     * events and their incidents' only.
     */
    @GetMapping(value = "/events", produces = MediaType.APPLICATION_NDJSON_VALUE)
    @Operation(summary = "The global event stream", description = "Role: `auditor`. NDJSON, one event a line, in storage "
            + "order; a token limited to some contracts sees their events and their incidents' only. Page with `after` = "
            + "the `X-Audit-Read-Through` header (the last line's `globalSequence` for an unlimited token): each page reads "
            + "at most `limit` stored events, of which a limited token sees its own.")
    @ApiResponse(responseCode = "200", description = "One `AuditEntry` JSON document a line",
            headers = @Header(name = READ_THROUGH_HEADER, required = true, schema = @Schema(type = "integer", format = "int64"),
                    description = "The global sequence this page read through: the `after` of the next page"),
            content = @Content(mediaType = MediaType.APPLICATION_NDJSON_VALUE, schema = @Schema(implementation = AuditLog.Entry.class)))
    Flux<AuditLog.Entry> events(@Parameter(description = "Events after this global sequence number (-1: from the start)")
                                @RequestParam(defaultValue = "-1") long after,
                                @Parameter(description = "At most this many events, 1 to 10000")
                                @RequestParam(defaultValue = "1000") int limit,
                                ServerWebExchange exchange) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("limit must be between 1 and " + MAX_LIMIT);
        }
        if (after < -1) {
            throw new BadRequestException("after must be -1 (from the start) or a global sequence number");
        }
        return Caller.of(exchange).publishOn(Schedulers.boundedElastic())
                .map(caller -> audit.after(after, limit, caller.contracts()))
                .flatMapIterable(page -> {
                    exchange.getResponse().getHeaders().set(READ_THROUGH_HEADER, Long.toString(page.readThrough()));
                    return page.entries();
                });
    }
}
