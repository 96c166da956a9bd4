package dev.incidentsla.projection.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.TimerParty;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * A compliance report: one row per group of timers, ordered by the groupBy keys in the order they were given.
 *
 * @param groupBy the keys the rows are grouped by, in the order of the request (the CSV's columns)
 * @param party   who owes the reported timer, said by every row (and a CSV column); null in the first-response report
 */
@Schema(requiredProperties = "rows")
public record ComplianceReport(@JsonIgnore @Schema(hidden = true) List<ReportKey> groupBy, List<Row> rows,
                               @JsonIgnore @Schema(hidden = true) TimerParty party) {

    /** A first-response report, whose rows do not say who owes it. */
    public ComplianceReport(List<ReportKey> groupBy, List<Row> rows) {
        this(groupBy, rows, null);
    }

    /** Ratios keep this many decimal places. */
    static final int RATIO_SCALE = 4;

    /**
     * One group. Only the groupBy keys are present; the counts are of timers started in the range and in the group.
     *
     * @param total    every timer of the group: {@code met + breached + cancelled + pending}
     * @param metRatio {@code met / (met + breached)}, rounded to 4 decimal places; null when both are 0. A cancelled
     *                 timer was never owed, a pending one is not decided yet: neither counts either way
     */
    @Schema(name = "ComplianceReportRow", requiredProperties = {"total", "met", "breached", "cancelled", "pending", "metRatio"})
    public record Row(@JsonInclude(JsonInclude.Include.NON_NULL)
                      @Schema(description = "In the reports of the timers other than the first response: who owes what "
                              + "the timer measures. A `CUSTOMER` timer's breach is the customer's, never counted as "
                              + "Microsoft's") TimerParty party,
                      @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "With groupBy `contract`") String contractId,
                      @JsonInclude(JsonInclude.Include.NON_NULL)
                      @Schema(description = "With groupBy `severity`: the severity in force when the timer stopped "
                              + "(the current one while pending)") Severity severity,
                      @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "With groupBy `program`: the "
                              + "program whose rule set the deadline, as recorded") String program,
                      @JsonInclude(JsonInclude.Include.NON_NULL)
                      @Schema(description = "With groupBy `month`: the UTC month the timer started in (the incident's "
                              + "submission for the first response, the request for a root-cause analysis)", pattern = "^\\d{4}-\\d{2}$", example = "2026-11")
                      String month,
                      @Schema(description = "Every SLA of the group: met + breached + cancelled + pending") long total,
                      @Schema(description = "Answered by the deadline") long met,
                      @Schema(description = "Breached: the deadline passed unanswered (answered late or not)") long breached,
                      @Schema(description = "Closed unanswered before the deadline: never owed") long cancelled,
                      @Schema(description = "Not stopped yet") long pending,
                      @Schema(description = "met / (met + breached), rounded to 4 decimal places; null when both are 0",
                              nullable = true, minimum = "0", maximum = "1", example = "0.9667",
                              types = {"number", "null"}) BigDecimal metRatio) {

        public Row(String contractId, Severity severity, String program, String month, long met, long breached,
                   long cancelled, long pending) {
            this(null, contractId, severity, program, month, met, breached, cancelled, pending);
        }

        public Row(TimerParty party, String contractId, Severity severity, String program, String month, long met,
                   long breached, long cancelled, long pending) {
            this(party, contractId, severity, program, month, met + breached + cancelled + pending, met, breached, cancelled,
                    pending, ratio(met, breached));
        }

        static BigDecimal ratio(long met, long breached) {
            if (met + breached == 0) {
                return null;
            }
            return BigDecimal.valueOf(met).divide(BigDecimal.valueOf(met + breached), RATIO_SCALE, RoundingMode.HALF_UP)
                    .stripTrailingZeros();
        }

        /** This row's value of a groupBy key, as text. */
        String key(ReportKey key) {
            return switch (key) {
                case CONTRACT -> contractId;
                case SEVERITY -> severity.code();
                case PROGRAM -> program;
                case MONTH -> month;
            };
        }
    }

    public ComplianceReport {
        groupBy = List.copyOf(groupBy);
        rows = List.copyOf(rows);
    }
}
