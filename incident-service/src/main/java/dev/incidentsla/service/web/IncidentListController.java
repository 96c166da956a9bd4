package dev.incidentsla.service.web;

import dev.incidentsla.api.FirstResponseStatus;
import dev.incidentsla.api.Severity;
import dev.incidentsla.edge.access.Caller;
import dev.incidentsla.incident.IncidentView;
import dev.incidentsla.listing.IncidentFilter;
import dev.incidentsla.listing.IncidentList;
import dev.incidentsla.listing.InvalidCursorException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;

@RestController
@Tag(name = "Incidents")
class IncidentListController {

    /** One page of the list. */
    @Schema(requiredProperties = {"items", "next"})
    record IncidentPage(@Schema(description = "Each incident exactly as `GET /api/v1/incidents/{incidentId}` shows it, "
                                + "judged at the request's instant") List<IncidentView> items,
                        @Schema(description = "Pass it as `after` (with the same filters) for the next page; null on "
                                + "the last page", nullable = true) String next) {
    }

    private final IncidentList list;
    private final Visibility visibility;

    IncidentListController(IncidentList list, Visibility visibility) {
        this.list = list;
        this.visibility = visibility;
    }

    @GetMapping(value = "/api/v1/incidents", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List incidents", description = "Role: `incident-writer`, `sla-reader` or `auditor`. Newest "
            + "submission first, ties broken by incident id; filters combine; a token limited to some contracts (its "
            + "`contracts` claim) lists theirs only. Read from a list the service keeps up from the incidents' events: "
            + "an incident appears, and shows a change, once the list has caught up (usually within a quarter of a "
            + "second, `incident-sla.list.poll-interval`), so a client that has just opened or changed an incident may "
            + "not see it yet in the list.")
    @ApiResponse(responseCode = "200", description = "A page of incidents")
    @ApiResponse(responseCode = "400", description = "A filter value of the wrong form, `limit` outside 1 to 500, or an "
            + "`after` that is not the `next` of a page of the same filters")
    @ApiResponse(responseCode = "404", description = "`contractId` names a contract outside the token's `contracts` claim")
    Mono<IncidentPage> list(
            @Parameter(description = "Only this contract's incidents") @RequestParam(required = false) String contractId,
            @Parameter(description = "Only incidents that are open, or closed", schema = @Schema(allowableValues = {"OPEN", "CLOSED"}))
            @RequestParam(required = false) String status,
            @Parameter(description = "Only incidents of this severity now (after any re-grade)",
                    schema = @Schema(allowableValues = {"1", "A", "B", "C"}))
            @RequestParam(required = false) String severity,
            @Parameter(description = "Only incidents whose first response has this status at the request's instant, as "
                    + "the items show it: a pending SLA whose deadline has passed is BREACHED",
                    schema = @Schema(allowableValues = {"PENDING", "MET", "BREACHED", "CANCELLED"}))
            @RequestParam(required = false) String firstResponseStatus,
            @Parameter(description = "Submitted at or after this instant (UTC ISO-8601)")
            @RequestParam(required = false) Instant submittedFrom,
            @Parameter(description = "Submitted before this instant (UTC ISO-8601)")
            @RequestParam(required = false) Instant submittedTo,
            @Parameter(description = "At most this many items, 1 to 500", schema = @Schema(defaultValue = "50", minimum = "1", maximum = "500"))
            @RequestParam(required = false) Integer limit,
            @Parameter(description = "The `next` of the previous page") @RequestParam(required = false) String after,
            ServerWebExchange exchange) {
        int rows = limit == null ? IncidentList.DEFAULT_LIMIT : limit;
        if (rows < 1 || rows > IncidentList.MAX_LIMIT) {
            throw new BadRequestException("limit must be between 1 and " + IncidentList.MAX_LIMIT);
        }
        if (status != null && !status.equals("OPEN") && !status.equals("CLOSED")) {
            throw new BadRequestException("status must be OPEN or CLOSED");
        }
        IncidentFilter filter = new IncidentFilter(contractId == null ? null : Ids.contract(contractId).value(), status,
                severity == null ? null : severityOf(severity),
                firstResponseStatus == null ? null : firstResponseStatusOf(firstResponseStatus), submittedFrom, submittedTo);
        Mono<Caller> caller = contractId == null ? Caller.of(exchange) : visibility.ofContract(exchange, filter.contractId());
        return caller.flatMap(visible -> Blocking.call(() -> list.list(filter, visible.contracts(), rows, after)))
                .onErrorMap(InvalidCursorException.class, invalid -> new BadRequestException(invalid.getMessage()))
                .map(page -> new IncidentPage(page.items(), page.next()));
    }

    /** By its exact name: Spring's own conversion would read a blank or a control character as no filter at all. */
    private static FirstResponseStatus firstResponseStatusOf(String name) {
        for (FirstResponseStatus status : FirstResponseStatus.values()) {
            if (status.name().equals(name)) {
                return status;
            }
        }
        throw new BadRequestException("firstResponseStatus must be one of PENDING, MET, BREACHED, CANCELLED");
    }

    private static Severity severityOf(String code) {
        try {
            return Severity.fromCode(code);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("severity must be one of 1, A, B, C");
        }
    }
}
