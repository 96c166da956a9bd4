package dev.incidentsla.service.web;

import dev.incidentsla.api.Channel;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.incident.IncidentService;
import dev.incidentsla.incident.IncidentView;
import dev.incidentsla.incident.SlaReplay;
import dev.incidentsla.incident.StoredEvent;
import org.springframework.http.HttpStatus;
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
class IncidentController {

    record OpenIncidentRequest(String incidentId, String contractId, Severity severity, String product, Channel channel,
                               Boolean aroundTheClock, Instant submittedAt, String eventId, String title) {
    }

    record RegradeRequest(Severity severity, Boolean aroundTheClock, String reason, Instant at) {
    }

    record FirstResponseRequest(Instant respondedAt, Channel channel, String engineer) {
    }

    record CloseRequest(Instant closedAt, String resolution) {
    }

    private final IncidentService incidents;
    private final Visibility visibility;

    IncidentController(IncidentService incidents, Visibility visibility) {
        this.incidents = incidents;
        this.visibility = visibility;
    }

    @PostMapping
    Mono<ResponseEntity<IncidentView>> open(@RequestBody OpenIncidentRequest request, ServerWebExchange exchange) {
        if (request.incidentId() != null) {
            Ids.requireValidIncidentId(request.incidentId());
        }
        Ids.contract(BadRequestException.required(request.contractId(), "contractId"));
        IncidentService.OpenRequest open = new IncidentService.OpenRequest(request.incidentId(),
                BadRequestException.required(request.contractId(), "contractId"),
                BadRequestException.required(request.severity(), "severity"),
                BadRequestException.required(request.product(), "product"),
                BadRequestException.required(request.channel(), "channel"),
                Boolean.TRUE.equals(request.aroundTheClock()), request.submittedAt(), request.eventId(), request.title());
        return visibility.ofContract(exchange, open.contractId()).then(RequestContexts.of(exchange))
                .flatMap(context -> Blocking.call(() -> incidents.open(open, context)))
                .map(opened -> ResponseEntity.status(opened.created() ? HttpStatus.CREATED : HttpStatus.OK)
                        .location(URI.create("/api/v1/incidents/" + opened.incident().incidentId()))
                        .body(opened.incident()));
    }

    @GetMapping("/{incidentId}")
    Mono<IncidentView> view(@PathVariable String incidentId, ServerWebExchange exchange) {
        IncidentId id = Ids.incident(incidentId);
        return visibility.ofIncident(exchange, id).then(Blocking.call(() -> incidents.view(id)));
    }

    @PostMapping("/{incidentId}/regrade")
    Mono<IncidentView> regrade(@PathVariable String incidentId, @RequestBody RegradeRequest request, ServerWebExchange exchange) {
        IncidentId id = Ids.incident(incidentId);
        Severity severity = BadRequestException.required(request.severity(), "severity");
        return visibility.ofIncident(exchange, id).then(RequestContexts.of(exchange))
                .flatMap(context -> Blocking.call(() -> incidents.regrade(id, severity,
                request.aroundTheClock(), request.reason(), request.at(), context)));
    }

    @PostMapping("/{incidentId}/first-response")
    Mono<IncidentView> firstResponse(@PathVariable String incidentId, @RequestBody FirstResponseRequest request,
                                     ServerWebExchange exchange) {
        IncidentId id = Ids.incident(incidentId);
        return visibility.ofIncident(exchange, id).then(RequestContexts.of(exchange))
                .flatMap(context -> Blocking.call(() -> incidents.respond(id,
                request.respondedAt(), request.channel(), request.engineer(), context)));
    }

    @PostMapping("/{incidentId}/close")
    Mono<IncidentView> close(@PathVariable String incidentId, @RequestBody CloseRequest request, ServerWebExchange exchange) {
        IncidentId id = Ids.incident(incidentId);
        return visibility.ofIncident(exchange, id).then(RequestContexts.of(exchange))
                .flatMap(context -> Blocking.call(() -> incidents.close(id,
                request.closedAt(), request.resolution(), context)));
    }

    @GetMapping("/{incidentId}/events")
    Mono<List<StoredEvent>> events(@PathVariable String incidentId, ServerWebExchange exchange) {
        IncidentId id = Ids.incident(incidentId);
        return visibility.ofIncident(exchange, id).then(Blocking.call(() -> incidents.events(id)));
    }

    @GetMapping("/{incidentId}/sla")
    Mono<SlaReplay> sla(@PathVariable String incidentId, @RequestParam(required = false) Instant asOf,
                        ServerWebExchange exchange) {
        IncidentId id = Ids.incident(incidentId);
        return visibility.ofIncident(exchange, id).then(Blocking.call(() -> incidents.slaAsOf(id, asOf)));
    }
}
