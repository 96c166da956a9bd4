package dev.incidentsla.projection.report;

import dev.incidentsla.api.SlaTimer;
import dev.incidentsla.api.TimerParty;

import java.util.List;
import java.util.Optional;

/**
 * A timer whose outcomes the compliance report counts, and where the read model keeps them: a table with one row per
 * timer (its {@code contract_id}, {@code program} and {@code status}: PENDING, MET, BREACHED or CANCELLED), the
 * column of the instant that places a timer in a month and a range, and the column of the severity it is reported
 * under. The report's query, parameters and formats are the same for every timer.
 *
 * @param pathName       its name in {@code /api/v1/reports/{pathName}}
 * @param table          the read model's table
 * @param startColumn    the instant the timer started: it places the timer in {@code [from, to)} and in its month
 * @param severityColumn the severity in force at the outcome, or the current one while pending
 * @param condition      what picks this timer's rows out of its table (SQL, a constant), or null for every row
 * @param party          who owes what the timer measures, as its rows say; null for the first response, whose report
 *                       has never said it (it is Microsoft's)
 */
public record ReportedTimer(String pathName, String table, String startColumn, String severityColumn, String condition,
                            TimerParty party) {

    /** The first call response: an incident's SLA placed by its submission (sla_read_model, one row per incident). */
    public static final ReportedTimer FIRST_RESPONSE = new ReportedTimer("first-response", "sla_read_model", "submitted_at",
            "COALESCE(outcome_severity, severity)", null, null);

    /** The timers of SLA-RULES section 9 (timer_report, one row per timer instance), placed by the instant that began them. */
    public static final List<ReportedTimer> OTHER_TIMERS = List.of(
            other(SlaTimer.CRIT_SIT_ASSIGNMENT, TimerParty.MICROSOFT),
            other(SlaTimer.ROOT_CAUSE_ANALYSIS, TimerParty.MICROSOFT),
            other(SlaTimer.CUSTOMER_CHANGE_CONTROL, TimerParty.CUSTOMER),
            other(SlaTimer.CUSTOMER_RESPONSIVENESS, TimerParty.CUSTOMER));

    private static ReportedTimer other(SlaTimer timer, TimerParty party) {
        return new ReportedTimer(timer.name().toLowerCase().replace('_', '-'), "timer_report", "requested_at",
                "COALESCE(outcome_severity, severity)", "timer = '" + timer.name() + "'", party);
    }

    /** One of {@link #OTHER_TIMERS} by its path name ({@code root-cause-analysis}). */
    public static Optional<ReportedTimer> otherNamed(String pathName) {
        return OTHER_TIMERS.stream().filter(timer -> timer.pathName.equals(pathName)).findFirst();
    }
}
