package dev.incidentsla.service.web;

import dev.incidentsla.api.Channel;
import dev.incidentsla.api.CustomerRequestKind;
import dev.incidentsla.api.RegradeReasonCode;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.incident.IncidentService;
import dev.incidentsla.incident.IncidentView;
import dev.incidentsla.incident.SlaReplay;
import dev.incidentsla.incident.StoredEvent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Instant;
import java.util.List;

@RestController
@RequestMapping("/api/v1/incidents")
@Tag(name = "Incidents", description = "Open incidents, change them, and read them back with their SLA")
class IncidentController {

    record OpenIncidentRequest(
            @Schema(description = "Client-chosen id; optional, but it makes a retry idempotent", example = "INC-0001")
            String incidentId,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "contoso") String contractId,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Severity severity,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "A product code of GET /api/v1/products",
                    example = "azure-virtual-machines") String product,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Channel channel,
            @Schema(description = "The customer chose 24x7 (matters for severity B); default false") Boolean aroundTheClock,
            @Schema(description = "Default now; not later than now plus a small skew") Instant submittedAt,
            @Schema(description = "Names a scheduled critical event of the contract") String eventId,
            @Schema(example = "VM scale set cannot start") String title,
            @Schema(description = "The id of the contract's support location the incident is supported from (one of "
                    + "the contract's `supportLocations`); default the contract's primary `supportLocation`. Its "
                    + "calendar counts the business-hours timers", example = "jakarta") String supportLocation) {
    }

    record RegradeRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) Severity severity, Boolean aroundTheClock,
                          @Schema(example = "business impact increased") String reason,
                          @Schema(description = "Why, from a closed vocabulary beside the free-text reason. Default: OTHER")
                          RegradeReasonCode reasonCode,
                          @Schema(description = "Default: when the incident handles the command") Instant at) {
    }

    record FirstResponseRequest(Instant respondedAt, Channel channel, String engineer) {
    }

    record CloseRequest(Instant closedAt, String resolution) {
    }

    record CritSitAssignedRequest(@Schema(description = "Default: when the incident handles the command") Instant at,
                                  @Schema(description = "The critical-situation resource assigned") String engineer) {
    }

    record InstantRequest(@Schema(description = "Default: when the incident handles the command") Instant at) {
    }

    record CustomerRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) CustomerRequestKind kind,
                           @Schema(description = "Default: when the incident handles the command") Instant at) {
    }

    private final IncidentService incidents;
    private final Visibility visibility;

    IncidentController(IncidentService incidents, Visibility visibility) {
        this.incidents = incidents;
        this.visibility = visibility;
    }

    @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Open an incident", description = "Role: `incident-writer`. Computes the first-response deadline "
            + "from the severity, product, channel and the contract version in force at `submittedAt`.")
    @ApiResponse(responseCode = "201", description = "Opened: the incident view",
            headers = @Header(name = "Location", description = "The incident's URI, /api/v1/incidents/{incidentId}",
                    required = true, schema = @Schema(type = "string", format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = IncidentView.class)))
    @ApiResponse(responseCode = "200", description = "A retry with the `incidentId` of an incident already opened: the "
            + "incident as it stands",
            headers = @Header(name = "Location", description = "The incident's URI", required = true,
                    schema = @Schema(type = "string", format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = IncidentView.class)))
    @ApiResponse(responseCode = "404", description = "`contractId` names no contract, or one outside the token's "
            + "`contracts` claim")
    Mono<ResponseEntity<IncidentView>> open(@RequestBody OpenIncidentRequest request, ServerWebExchange exchange) {
        if (request.incidentId() != null) {
            Ids.requireValidIncidentId(request.incidentId());
        }
        ContractId contractId = Ids.contract(BadRequestException.required(request.contractId(), "contractId"));
        IncidentService.OpenRequest open = new IncidentService.OpenRequest(request.incidentId(), contractId.value(),
                BadRequestException.required(request.severity(), "severity"),
                BadRequestException.required(request.product(), "product"),
                BadRequestException.required(request.channel(), "channel"),
                Boolean.TRUE.equals(request.aroundTheClock()), request.submittedAt(), request.eventId(), request.title(),
                request.supportLocation());
        return visibility.ofContract(exchange, open.contractId())
                .zipWith(RequestContexts.of(exchange))
                .flatMap(callerAndContext -> Blocking.call(() -> incidents.open(open, callerAndContext.getT2(),
                        callerAndContext.getT1()::mayUse)))
                .map(opened -> ResponseEntity.status(opened.created() ? HttpStatus.CREATED : HttpStatus.OK)
                        .location(URI.create("/api/v1/incidents/" + opened.incident().incidentId()))
                        .body(opened.incident()));
    }

    @GetMapping(value = "/{incidentId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Read an incident", description = "Role: `incident-writer`, `sla-reader` or `auditor`.")
    Mono<IncidentView> view(@PathVariable String incidentId, ServerWebExchange exchange) {
        IncidentId id = Ids.incident(incidentId);
        return visibility.ofIncident(exchange, id).then(Blocking.call(() -> incidents.view(id)));
    }

    @PostMapping(value = "/{incidentId}/regrade", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Re-grade an incident", description = "Role: `incident-writer`. A new severity (or 24x7 "
            + "choice) moves the first-response deadline; answers the incident view.")
    Mono<IncidentView> regrade(@PathVariable String incidentId, @RequestBody RegradeRequest request, ServerWebExchange exchange) {
        IncidentId id = Ids.incident(incidentId);
        Severity severity = BadRequestException.required(request.severity(), "severity");
        return visibility.ofIncident(exchange, id).then(RequestContexts.of(exchange))
                .flatMap(context -> Blocking.call(() -> incidents.regrade(id, severity,
                request.aroundTheClock(), request.reason(), request.reasonCode(), request.at(), context)));
    }

    @PostMapping(value = "/{incidentId}/first-response", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record the first response", description = "Role: `incident-writer`. Stops the first-response "
            + "SLA (met or breached); answers the incident view.")
    Mono<IncidentView> firstResponse(@PathVariable String incidentId, @RequestBody FirstResponseRequest request,
                                     ServerWebExchange exchange) {
        IncidentId id = Ids.incident(incidentId);
        return visibility.ofIncident(exchange, id).then(RequestContexts.of(exchange))
                .flatMap(context -> Blocking.call(() -> incidents.respond(id,
                request.respondedAt(), request.channel(), request.engineer(), context)));
    }

    @PostMapping(value = "/{incidentId}/close", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Close an incident", description = "Role: `incident-writer`. A pending SLA is cancelled; "
            + "answers the incident view.")
    Mono<IncidentView> close(@PathVariable String incidentId, @RequestBody CloseRequest request, ServerWebExchange exchange) {
        IncidentId id = Ids.incident(incidentId);
        return visibility.ofIncident(exchange, id).then(RequestContexts.of(exchange))
                .flatMap(context -> Blocking.call(() -> incidents.close(id,
                request.closedAt(), request.resolution(), context)));
    }

    @PostMapping(value = "/{incidentId}/crit-sit-assigned", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record a critical-situation resource assigned", description = "Role: `incident-writer`. Stops "
            + "the CRIT_SIT_ASSIGNMENT timer of an Event MCS incident (met or breached); answers the incident view.")
    Mono<IncidentView> critSitAssigned(@PathVariable String incidentId, @RequestBody CritSitAssignedRequest request,
                                       ServerWebExchange exchange) {
        IncidentId id = Ids.incident(incidentId);
        return visibility.ofIncident(exchange, id).then(RequestContexts.of(exchange))
                .flatMap(context -> Blocking.call(() -> incidents.assignCritSit(id, request.at(), request.engineer(),
                        context)));
    }

    @PostMapping(value = "/{incidentId}/rca-requested", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record the customer's request for a root-cause analysis", description = "Role: "
            + "`incident-writer`. Starts the ROOT_CAUSE_ANALYSIS timer of a Platform MCS incident, also after the close: "
            + "pending with no `dueAt` until the mitigation is known. 422 when the incident does not qualify or the "
            + "request comes more than 7 calendar days after the closure.")
    Mono<IncidentView> rcaRequested(@PathVariable String incidentId, @RequestBody InstantRequest request,
                                    ServerWebExchange exchange) {
        IncidentId id = Ids.incident(incidentId);
        return visibility.ofIncident(exchange, id).then(RequestContexts.of(exchange))
                .flatMap(context -> Blocking.call(() -> incidents.requestRca(id, request.at(), context)));
    }

    @PostMapping(value = "/{incidentId}/mitigated", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record the mitigation", description = "Role: `incident-writer`. Once per incident; a requested "
            + "root-cause analysis starts its clock at the later of its request and the mitigation.")
    Mono<IncidentView> mitigated(@PathVariable String incidentId, @RequestBody InstantRequest request,
                                 ServerWebExchange exchange) {
        IncidentId id = Ids.incident(incidentId);
        return visibility.ofIncident(exchange, id).then(RequestContexts.of(exchange))
                .flatMap(context -> Blocking.call(() -> incidents.mitigate(id, request.at(), context)));
    }

    @PostMapping(value = "/{incidentId}/rca-delivered", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record the root-cause analysis delivered", description = "Role: `incident-writer`. Stops the "
            + "ROOT_CAUSE_ANALYSIS timer (met or breached); 409 when none was requested or it was delivered already.")
    Mono<IncidentView> rcaDelivered(@PathVariable String incidentId, @RequestBody InstantRequest request,
                                    ServerWebExchange exchange) {
        IncidentId id = Ids.incident(incidentId);
        return visibility.ofIncident(exchange, id).then(RequestContexts.of(exchange))
                .flatMap(context -> Blocking.call(() -> incidents.deliverRca(id, request.at(), context)));
    }

    @PostMapping(value = "/{incidentId}/customer-requests", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Ask the customer", description = "Role: `incident-writer`. Starts a customer timer: "
            + "CHANGE_CONTROL (Sev B, 4 business hours) or RESPONSIVENESS (Sev C, 24 h), each time with its own id; 409 "
            + "while one of that kind is pending, 422 for a severity the kind does not apply to.")
    Mono<IncidentView> customerRequests(@PathVariable String incidentId, @RequestBody CustomerRequest request,
                                        ServerWebExchange exchange) {
        IncidentId id = Ids.incident(incidentId);
        CustomerRequestKind kind = BadRequestException.required(request.kind(), "kind");
        return visibility.ofIncident(exchange, id).then(RequestContexts.of(exchange))
                .flatMap(context -> Blocking.call(() -> incidents.askCustomer(id, kind, request.at(), context)));
    }

    @PostMapping(value = "/{incidentId}/customer-answered", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record the customer's answer", description = "Role: `incident-writer`. Stops the latest "
            + "customer timer of the kind (met, or breached after its deadline: a fact about the customer, never a "
            + "Microsoft breach); 409 when none is waiting.")
    Mono<IncidentView> customerAnswered(@PathVariable String incidentId, @RequestBody CustomerRequest request,
                                        ServerWebExchange exchange) {
        IncidentId id = Ids.incident(incidentId);
        CustomerRequestKind kind = BadRequestException.required(request.kind(), "kind");
        return visibility.ofIncident(exchange, id).then(RequestContexts.of(exchange))
                .flatMap(context -> Blocking.call(() -> incidents.customerAnswered(id, kind, request.at(), context)));
    }

    @GetMapping(value = "/{incidentId}/events", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The incident's event history", description = "Role: `auditor`. Every stored event, oldest "
            + "first, with its payload and metadata (who sent the command, correlation id).")
    Mono<List<StoredEvent>> events(@PathVariable String incidentId, ServerWebExchange exchange) {
        IncidentId id = Ids.incident(incidentId);
        return visibility.ofIncident(exchange, id).then(Blocking.call(() -> incidents.events(id)));
    }

    @GetMapping(value = "/{incidentId}/sla", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The SLA replayed as it stood at an instant", description = "Role: `auditor`. Rebuilt from the "
            + "stored events only, with the explanation of how `dueAt` was derived.")
    @ApiResponse(responseCode = "200", description = "The SLA as it stood at `asOf`")
    @ApiResponse(responseCode = "422", description = "`asOf` is before the incident's history")
    Mono<SlaReplay> sla(@PathVariable String incidentId,
                        @Parameter(description = "The instant to replay to (UTC ISO-8601); default now")
                        @RequestParam(required = false) Instant asOf,
                        ServerWebExchange exchange) {
        IncidentId id = Ids.incident(incidentId);
        return visibility.ofIncident(exchange, id).then(Blocking.call(() -> incidents.slaAsOf(id, asOf)));
    }
}
