package dev.incidentsla.projection.report;

import dev.incidentsla.edge.access.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Compliance reports: how many timers of each group were met, breached, cancelled or are pending, from the outcomes the
 * incidents recorded. JSON, or CSV for {@code Accept: text/csv}.
 */
@RestController
@RequestMapping("/api/v1/reports")
@Tag(name = "Compliance reports", description = "Met, breached, cancelled and pending SLAs by contract, severity, program "
        + "and month, from the outcomes the incidents recorded")
class ComplianceReportController {

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern WORD = Pattern.compile("[A-Za-z]{1,30}");
    private static final Pattern TIMER_NAME = Pattern.compile("[a-z-]{1,40}");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final DateTimeFormatter STRICT_MONTH = DateTimeFormatter.ofPattern("uuuu-MM").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter STRICT_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final LocalDate EARLIEST = LocalDate.of(1970, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

    private final ComplianceReports reports;

    ComplianceReportController(ComplianceReports reports) {
        this.reports = reports;
    }

    @GetMapping(value = "/first-response", produces = {MediaType.APPLICATION_JSON_VALUE, ReportCsv.TEXT_CSV_VALUE})
    @Operation(summary = "First-call-response compliance report", description = """
            Role: `sla-reader`. Counts the first-response SLAs of the incidents **submitted** in `[from, to)` (UTC), \
            of the token's contracts only (its `contracts` claim), grouped by the `groupBy` keys: one row per group, \
            ordered by the keys in the order given (severities 1, A, B, C; contracts and programs in byte order; \
            months in time). Without `groupBy`, one row of totals. Each SLA counts under the outcome, program and \
            severity its incident recorded: the severity in force when the SLA stopped (a re-grade after a breach \
            leaves the breach where it was), the current one while pending. `metRatio` is `met / (met + breached)` \
            rounded to 4 decimal places, null when both are 0. `Accept: text/csv` gives the same rows as CSV \
            (RFC 4180, a header line, the keys' columns first).""")
    @ApiResponse(responseCode = "200", description = "The report", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = ComplianceReport.class)),
            @Content(mediaType = ReportCsv.TEXT_CSV_VALUE, schema = @Schema(type = "string", example = """
                    contractId,month,total,met,breached,cancelled,pending,metRatio
                    contoso,2026-11,7,3,2,1,1,0.6
                    """))})
    Mono<ComplianceReport> firstResponse(
            @Parameter(description = "The first day counted: a date (`2026-11-01`) or a month (`2026-11`, its first day), UTC",
                    schema = @Schema(pattern = "^\\d{4}-\\d{2}(-\\d{2})?$", example = "2026-11"))
            @RequestParam String from,
            @Parameter(description = "The first day not counted, in the same forms (`to=2026-12` ends with November); after "
                    + "`from`, at most a year after it", schema = @Schema(pattern = "^\\d{4}-\\d{2}(-\\d{2})?$", example = "2026-12"))
            @RequestParam String to,
            @Parameter(description = "Comma-separated keys to group by, each at most once: `contract`, `severity`, "
                    + "`program`, `month`", schema = @Schema(example = "contract,severity,program,month"))
            @RequestParam(required = false) String groupBy,
            ServerWebExchange exchange) {
        ReportQueryParameters parameters = parameters(from, to, groupBy);
        return Caller.of(exchange).publishOn(Schedulers.boundedElastic())
                .map(caller -> reports.report(new ReportQuery(ReportedTimer.FIRST_RESPONSE, parameters.from(), parameters.to(),
                        parameters.groupBy(), caller.contracts())));
    }

    @GetMapping(value = "/{timer}", produces = {MediaType.APPLICATION_JSON_VALUE, ReportCsv.TEXT_CSV_VALUE})
    @Operation(summary = "Compliance report of another timer (SLA-RULES section 9)", description = """
            Role: `sla-reader`. The same report as `/api/v1/reports/first-response`, with the same parameters, \
            rules, order and formats, for one of the timers beside the first response: `crit-sit-assignment`, \
            `root-cause-analysis` (Microsoft's), `customer-change-control`, `customer-responsiveness` (the \
            customer's). It counts the timer instances **begun** in `[from, to)` (UTC): at the submission, support's \
            request to the customer, or the RCA's request (an RCA requested before the mitigation is pending with no \
            clock yet, and counted in the month of its request). Each counts under the outcome its incident recorded, \
            the program the timer is owed under (Event MCS for the crit-sit assignment, Platform MCS for the RCA, the \
            incident's first-response program for the customer's timers), the incident's contract, and the severity \
            in force when the timer stopped or breached (the current one while pending). Every row says `party`: a `CUSTOMER` timer's breach is the customer's, a fact \
            for the record, never counted in a report of Microsoft's timers. CSV has a `party` column after the keys.""")
    @ApiResponse(responseCode = "200", description = "The report", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = ComplianceReport.class)),
            @Content(mediaType = ReportCsv.TEXT_CSV_VALUE, schema = @Schema(type = "string", example = """
                    contractId,month,party,total,met,breached,cancelled,pending,metRatio
                    contoso,2026-11,CUSTOMER,4,1,2,1,0,0.3333
                    """))})
    @ApiResponse(responseCode = "404", description = "`timer` names no timer of these", content = @Content(
            mediaType = "application/problem+json", examples = @ExampleObject(name = "problem", value = """
                    {"type": "about:blank", "title": "Not Found", "status": 404, "instance": "/api/v1/reports/crit-sit",
                     "detail": "no report of a timer 'crit-sit' (expected one of first-response, crit-sit-assignment, ...)"}""")))
    Mono<ComplianceReport> otherTimer(
            @Parameter(description = "The timer, by its name in kebab case", schema = @Schema(allowableValues = {
                    "crit-sit-assignment", "root-cause-analysis", "customer-change-control", "customer-responsiveness"}))
            @PathVariable String timer,
            @Parameter(description = "The first day counted: a date (`2026-11-01`) or a month (`2026-11`, its first day), UTC",
                    required = true, schema = @Schema(pattern = "^\\d{4}-\\d{2}(-\\d{2})?$", example = "2026-11"))
            @RequestParam(required = false) String from,
            @Parameter(description = "The first day not counted, in the same forms (`to=2026-12` ends with November); after "
                    + "`from`, at most a year after it", required = true,
                    schema = @Schema(pattern = "^\\d{4}-\\d{2}(-\\d{2})?$", example = "2026-12"))
            @RequestParam(required = false) String to,
            @Parameter(description = "Comma-separated keys to group by, each at most once: `contract`, `severity`, "
                    + "`program`, `month`", schema = @Schema(example = "contract,severity,program,month"))
            @RequestParam(required = false) String groupBy,
            ServerWebExchange exchange) {
        ReportedTimer reported = ReportedTimer.otherNamed(timer).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no report of a timer" + (TIMER_NAME.matcher(timer).matches() ? " '" + timer + "'" : " of that name")
                        + " (expected one of first-response, " + ReportedTimer.OTHER_TIMERS.stream().map(ReportedTimer::pathName)
                        .collect(Collectors.joining(", ")) + ")"));
        // the timer first: a name that reports nothing is a 404 whatever the query says
        ReportQueryParameters parameters = parameters(required(from, "from"), required(to, "to"), groupBy);
        return Caller.of(exchange).publishOn(Schedulers.boundedElastic())
                .map(caller -> reports.report(new ReportQuery(reported, parameters.from(), parameters.to(),
                        parameters.groupBy(), caller.contracts())));
    }

    private static String required(String value, String parameter) {
        if (value == null) {
            throw badRequest("Required query parameter '" + parameter + "' is not present.");
        }
        return value;
    }

    private record ReportQueryParameters(Instant from, Instant to, List<ReportKey> groupBy) {
    }

    private static ReportQueryParameters parameters(String from, String to, String groupBy) {
        LocalDate first = day(from, "from");
        LocalDate end = day(to, "to");
        if (!end.isAfter(first)) {
            throw badRequest("to (" + to + ") must come after from (" + from + ")");
        }
        if (end.isAfter(first.plusYears(1))) {
            throw badRequest("from " + from + " to " + to + " is longer than a year; ask for a year at a time");
        }
        return new ReportQueryParameters(first.atStartOfDay(ZoneOffset.UTC).toInstant(), end.atStartOfDay(ZoneOffset.UTC).toInstant(),
                keys(groupBy));
    }

    private static LocalDate day(String text, String parameter) {
        LocalDate day;
        try {
            if (DATE.matcher(text).matches()) {
                day = LocalDate.parse(text, STRICT_DATE);
            } else if (MONTH.matcher(text).matches()) {
                day = YearMonth.parse(text, STRICT_MONTH).atDay(1);
            } else {
                throw badRequest(parameter + " must be a date (2026-11-01) or a month (2026-11)");
            }
        } catch (DateTimeException e) {
            throw badRequest(parameter + " is not a valid date or month: " + text);
        }
        if (day.isBefore(EARLIEST) || day.isAfter(LATEST)) {
            throw badRequest(parameter + " must lie between " + EARLIEST + " and " + LATEST);
        }
        return day;
    }

    private static List<ReportKey> keys(String groupBy) {
        List<ReportKey> keys = new ArrayList<>();
        if (groupBy == null) {
            return keys;
        }
        for (String name : groupBy.split(",", -1)) {
            // a name of letters is repeated in the message; anything else might be a terminal's escape or a page long
            ReportKey key = ReportKey.named(name).orElseThrow(() -> badRequest("groupBy: "
                    + (WORD.matcher(name).matches() ? "unknown key '" + name + "'" : "not a key") + " (expected some of "
                    + ReportKey.names() + ", separated by commas)"));
            if (keys.contains(key)) {
                throw badRequest("groupBy names '" + name + "' twice");
            }
            keys.add(key);
        }
        return keys;
    }

    private static ResponseStatusException badRequest(String detail) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
    }
}
