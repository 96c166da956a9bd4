package dev.incidentsla.projection.web;

import dev.incidentsla.api.FirstResponseStatus;
import dev.incidentsla.edge.access.Caller;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaClock;
import dev.incidentsla.projection.readmodel.SlaReadModel;
import dev.incidentsla.projection.readmodel.SlaRow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What operations dashboards read: pending SLAs by deadline, and recent breaches, of the caller's contracts. */
@RestController
@RequestMapping("/api/v1/sla")
@Tag(name = "SLA dashboards", description = "Pending first-response SLAs and recent breaches, from the read model")
class SlaDashboardController {

    private static final int MAX_LIMIT = 1000;

    /**
     * @param timeLeft until the deadline, negative once it has passed
     * @param warned   whether the incident recorded an at-risk warning about this very deadline
     */
    @Schema(requiredProperties = {"incidentId", "contractId", "severity", "product", "program", "rule", "target", "clock",
            "submittedAt", "dueAt", "timeLeft", "warned"})
    record PendingSla(String incidentId, String contractId, Severity severity, String product, String program, String rule,
                      Duration target, SlaClock clock, Instant submittedAt, Instant dueAt, Instant atRiskAt, Duration timeLeft,
                      boolean warned) {
    }

    /** @param detectedAt when the incident recorded the breach */
    @Schema(requiredProperties = {"incidentId", "contractId", "severity", "product", "program", "rule", "target", "clock",
            "submittedAt", "dueAt", "detectedAt", "status"})
    record Breach(String incidentId, String contractId, Severity severity, String product, String program, String rule,
                  Duration target, SlaClock clock, Instant submittedAt, Instant dueAt, Instant detectedAt,
                  FirstResponseStatus status, Instant respondedAt) {
    }

    private final SlaReadModel readModel;
    private final Clock clock;

    SlaDashboardController(SlaReadModel readModel, Clock clock) {
        this.readModel = readModel;
        this.clock = clock;
    }

    @GetMapping(value = "/pending", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Pending first-response SLAs, nearest deadline first", description = "Role: `sla-reader`. Of "
            + "the token's contracts only (its `contracts` claim).")
    @ApiResponse(responseCode = "200", description = "The pending SLAs")
    @ApiResponse(responseCode = "404", description = "`contractId` names a contract outside the token's `contracts` claim")
    Mono<List<PendingSla>> pending(@Parameter(description = "Only this contract's") @RequestParam(required = false) String contractId,
                                   @Parameter(description = "Only this severity",
                                           schema = @Schema(allowableValues = {"1", "A", "B", "C"}))
                                   @RequestParam(required = false) String severity,
                                   @Parameter(description = "Only this program's (a program of the SLA policy)")
                                   @RequestParam(required = false) String program,
                                   @Parameter(description = "At most this many, 1 to 1000")
                                   @RequestParam(defaultValue = "100") int limit, ServerWebExchange exchange) {
        Severity wanted = severity == null ? null : severityOf(severity);
        int rows = limitOf(limit);
        printable(contractId, "contractId");
        printable(program, "program");
        return Caller.of(exchange).map(caller -> {
            if (contractId != null && !caller.mayUse(contractId)) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no contract '" + contractId + "'");
            }
            return caller;
        }).publishOn(Schedulers.boundedElastic()).map(caller -> {
            Instant now = clock.instant();
            return readModel.pending(caller.contracts(), contractId, wanted, program, rows).stream()
                    .map(row -> new PendingSla(row.incidentId(), row.contractId(), row.severity(), row.product(), row.program(),
                            row.rule(), row.target(), row.clock(), row.submittedAt(), row.dueAt(), row.atRiskAt(),
                            Duration.between(now, row.dueAt()), row.warned()))
                    .toList();
        });
    }

    @GetMapping(value = "/breaches", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Breaches detected since an instant", description = "Role: `sla-reader`. Of the "
            + "token's contracts only (its `contracts` claim).")
    Mono<List<Breach>> breaches(@Parameter(description = "Detected at or after this instant (UTC ISO-8601); default a day ago")
                                @RequestParam(required = false) Instant since,
                                @Parameter(description = "At most this many, 1 to 1000")
                                @RequestParam(defaultValue = "100") int limit,
                                ServerWebExchange exchange) {
        int rows = limitOf(limit);
        return Caller.of(exchange).publishOn(Schedulers.boundedElastic())
                .map(caller -> readModel.breachesSince(caller.contracts(),
                                since == null ? clock.instant().minus(Duration.ofDays(1)) : since, rows)
                        .stream().map(SlaDashboardController::breach).toList());
    }

    private static Breach breach(SlaRow row) {
        return new Breach(row.incidentId(), row.contractId(), row.severity(), row.product(), row.program(), row.rule(),
                row.target(), row.clock(), row.submittedAt(), row.dueAt(), row.breachAlertAt(), row.status(), row.respondedAt());
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

    private static int limitOf(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }
}
