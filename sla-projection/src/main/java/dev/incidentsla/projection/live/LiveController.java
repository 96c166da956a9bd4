package dev.incidentsla.projection.live;

import dev.incidentsla.api.Severity;
import dev.incidentsla.edge.access.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The live view's reads: the stream of changes, and today's met ratio that the operations page starts from. The
 * stream holds no thread: each client is a subscription to {@link LiveStream}, with heartbeats on Reactor's timer.
 */
@RestController
@RequestMapping("/api/v1/sla")
@Tag(name = "Live view", description = "Changes of the first-response SLAs as they happen, and today's outcomes")
class LiveController {

    /**
     * @param since    the start of the day (UTC) the figures count from
     * @param metRatio met / (met + breached), or null while neither happened
     */
    @Schema(requiredProperties = {"since", "met", "breached"})
    record Today(Instant since, long met, long breached, Double metRatio) {
    }

    private final LiveStream live;
    private final FirstResponsesToday today;
    private final LiveProperties properties;
    private final Clock clock;

    LiveController(LiveStream live, FirstResponsesToday today, LiveProperties properties, Clock clock) {
        this.live = live;
        this.today = today;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping(value = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Server-sent events: each change of a first-response SLA as it is recorded", description = """
            Role: `sla-reader`. Of the token's contracts only (its `contracts` claim), filtered as `/pending`. Event names: \
            `pending` (opened, or its deadline moved), `at-risk` (the incident recorded its at-risk warning), `breached` \
            (the incident recorded the breach), `stopped` (met or cancelled); `data` is the SLA as it stands, the fields \
            of a `/pending` item plus `status`, `respondedAt` and `detectedAt`. Changes processed by any projection node \
            reach every node's clients. A comment line is sent on connecting and every \
            `sla-projection.live.heartbeat-interval` (15 s). No replay: events carry no id and `Last-Event-ID` is \
            ignored; a client loads `/pending`, `/breaches` and `/today` once connected (changes after it connected \
            come on the stream) and again whenever the stream ends. The stream ends when the token expires, when the \
            client falls `sla-projection.live.client-buffer` changes behind, when the node stops, and when it may \
            have missed changes.""")
    @ApiResponse(responseCode = "200", description = "The stream of changes",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(implementation = LiveChange.class)))
    @ApiResponse(responseCode = "404", description = "`contractId` names a contract outside the token's `contracts` claim")
    Flux<ServerSentEvent<LiveChange>> stream(@Parameter(description = "Only this contract's") @RequestParam(required = false) String contractId,
                                             @Parameter(description = "Only this severity",
                                                     schema = @Schema(allowableValues = {"1", "A", "B", "C"}))
                                             @RequestParam(required = false) String severity,
                                             @Parameter(description = "Only this program's (a program of the SLA policy)")
                                             @RequestParam(required = false) String program,
                                             ServerWebExchange exchange) {
        Severity wanted = severity == null ? null : severityOf(severity);
        printable(contractId, "contractId");
        printable(program, "program");
        Mono<Optional<Instant>> expiry = exchange.getPrincipal().ofType(JwtAuthenticationToken.class)
                .map(token -> Optional.ofNullable(token.getToken().getExpiresAt())).defaultIfEmpty(Optional.empty());
        return visibleTo(exchange, contractId).zipWith(expiry).flatMapMany(callerAndExpiry -> {
            Caller caller = callerAndExpiry.getT1();
            Flux<ServerSentEvent<LiveChange>> stream = Flux.defer(() -> {
                Sinks.One<Boolean> ended = Sinks.one();
                Flux<ServerSentEvent<LiveChange>> changes = live.changes(change -> caller.mayUse(change.contractId())
                                && (contractId == null || contractId.equals(change.contractId()))
                                && (wanted == null || wanted == change.severity())
                                && (program == null || program.equals(change.program())), properties.clientBuffer())
                        .map(change -> ServerSentEvent.builder(change).event(change.event()).build())
                        .doFinally(signal -> ended.tryEmitValue(true));
                Flux<ServerSentEvent<LiveChange>> heartbeats = Flux.interval(properties.heartbeatInterval())
                        .onBackpressureDrop().takeUntilOther(ended.asMono())
                        .map(tick -> ServerSentEvent.<LiveChange>builder().comment("heartbeat").build());
                Flux<ServerSentEvent<LiveChange>> connected = Flux.just(ServerSentEvent.<LiveChange>builder()
                        .comment("connected").retry(Duration.ofSeconds(2)).build());
                return Flux.merge(connected, changes, heartbeats);
            });
            return callerAndExpiry.getT2().map(expiresAt -> stream.take(until(expiresAt))).orElse(stream);
        });
    }

    @GetMapping(value = "/today", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "First responses met and breached today (UTC)", description = "Role: `sla-reader`. Of the token's "
            + "contracts only (its `contracts` claim), filtered as `/pending`. Met: responded in time, counted when the "
            + "response was recorded; breached: counted when the incident recorded the breach.")
    @ApiResponse(responseCode = "200", description = "Today's outcomes")
    @ApiResponse(responseCode = "404", description = "`contractId` names a contract outside the token's `contracts` claim")
    Mono<Today> today(@Parameter(description = "Only this contract's") @RequestParam(required = false) String contractId,
                      @Parameter(description = "Only this severity", schema = @Schema(allowableValues = {"1", "A", "B", "C"}))
                      @RequestParam(required = false) String severity,
                      @Parameter(description = "Only this program's (a program of the SLA policy)")
                      @RequestParam(required = false) String program,
                      ServerWebExchange exchange) {
        Severity wanted = severity == null ? null : severityOf(severity);
        printable(contractId, "contractId");
        printable(program, "program");
        return visibleTo(exchange, contractId).publishOn(Schedulers.boundedElastic()).map(caller -> {
            Instant since = clock.instant().truncatedTo(ChronoUnit.DAYS);
            FirstResponsesToday.Outcomes outcomes = today.since(since, caller.contracts(), contractId, wanted, program);
            long decided = outcomes.met() + outcomes.breached();
            return new Today(since, outcomes.met(), outcomes.breached(), decided == 0 ? null : (double) outcomes.met() / decided);
        });
    }

    private Duration until(Instant expiresAt) {
        Duration left = Duration.between(clock.instant(), expiresAt);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static Mono<Caller> visibleTo(ServerWebExchange exchange, String contractId) {
        return Caller.of(exchange).map(caller -> {
            if (contractId != null && !caller.mayUse(contractId)) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no contract '" + contractId + "'");
            }
            return caller;
        });
    }

    private static Severity severityOf(String code) {
        try {
            return Severity.fromCode(code);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    /** A control character (a NUL, say) is in no contract or program name, and PostgreSQL refuses a NUL in text. */
    private static void printable(String value, String parameter) {
        if (value != null && value.chars().anyMatch(Character::isISOControl)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, parameter + " must not contain control characters");
        }
    }
}
