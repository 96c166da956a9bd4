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
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.util.List;

@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit", description = "Every stored event of every incident and contract")
class AuditController {

    private static final int MAX_LIMIT = 10_000;
    private static final int LINE_SIZE_GUESS = 2_048;
    /** The {@code after} of the next page: a token limited to some contracts may get fewer lines than were read. */
    static final String READ_THROUGH_HEADER = "X-Audit-Read-Through";

    private final AuditLog audit;
    private final JsonMapper json;

    /** {@code json}: the mapper the JSON codecs use, so that a line reads as the codec would have written the entry. */
    AuditController(AuditLog audit, JsonMapper json) {
        this.audit = audit;
        this.json = json;
    }

    /**
     * The global stream as NDJSON, one event a line, in storage order; a token limited to some contracts sees their
     * events and their incidents' only. Lines are written in batches as the cursor reads them (one flush per batch,
     * not per line), off the event loop, as fast as the client takes them.
     */
    @GetMapping(value = "/events", produces = MediaType.APPLICATION_NDJSON_VALUE)
    @Operation(summary = "The global event stream", description = "Role: `auditor`. NDJSON, one event a line, in storage "
            + "order; a token limited to some contracts sees their events and their incidents' only. Page with `after` = "
            + "the `X-Audit-Read-Through` header (the last line's `globalSequence` for an unlimited token when the page is "
            + "full): each page reads at most `limit` stored events, of which a limited token sees its own. Or replay "
            + "everything after `after` in one response with `all=true`, streamed as it is read. Paging misses no event: "
            + "a response serves only up to a settled position, below which every transaction has committed or rolled "
            + "back, so an event committed late by a slow transaction is never passed over.")
    @ApiResponse(responseCode = "200", description = "One `AuditEntry` JSON document a line",
            headers = @Header(name = READ_THROUGH_HEADER, required = true, schema = @Schema(type = "integer", format = "int64"),
                    description = "The global sequence this response read through: the `after` of the next one"),
            content = @Content(mediaType = MediaType.APPLICATION_NDJSON_VALUE, schema = @Schema(implementation = AuditLog.Entry.class)))
    Flux<DataBuffer> events(@Parameter(description = "Events after this global sequence number (-1: from the start)")
                            @RequestParam(defaultValue = "-1") long after,
                            @Parameter(description = "At most this many events, 1 to 10000")
                            @RequestParam(defaultValue = "1000") int limit,
                            @Parameter(description = "true: every event after `after` up to the settled end of the stream, "
                                    + "in one response streamed as it is read (`limit` does not apply); stop reading to stop it")
                            @RequestParam(defaultValue = "false") boolean all,
                            ServerWebExchange exchange) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("limit must be between 1 and " + MAX_LIMIT);
        }
        if (after < -1) {
            throw new BadRequestException("after must be -1 (from the start) or a global sequence number");
        }
        DataBufferFactory buffers = exchange.getResponse().bufferFactory();
        return Caller.of(exchange).flatMapMany(caller -> (all ? audit.rest(after) : audit.page(after, limit))
                .doOnNext(range -> exchange.getResponse().getHeaders().set(READ_THROUGH_HEADER, Long.toString(range.through())))
                .flatMapMany(range -> audit.entries(range, caller.contracts())))
                .map(batch -> ndjson(batch, buffers));
    }

    private DataBuffer ndjson(List<AuditLog.Entry> batch, DataBufferFactory buffers) {
        ByteArrayOutputStream lines = new ByteArrayOutputStream(batch.size() * LINE_SIZE_GUESS);
        for (AuditLog.Entry entry : batch) {
            json.writeValue(lines, entry);
            lines.write('\n');
        }
        return buffers.wrap(lines.toByteArray());
    }
}
