package dev.incidentsla.sla.policy;

import dev.incidentsla.api.CustomerRequestKind;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaClock;
import dev.incidentsla.api.SlaTimer;
import dev.incidentsla.api.TimerParty;

import java.time.Duration;
import java.util.Set;

/**
 * One timer of SLA-RULES section 9 as data: who owes it, which incidents it applies to, what starts it and when it is
 * due.
 *
 * @param severities                    the severities it applies to; empty: every severity. A re-grade to another
 *                                      severity cancels a pending timer
 * @param coveredBy                     programs of which at least one must cover the incident at submission; empty:
 *                                      every incident
 * @param requestKind                   for a timer started by a customer request, the kind that starts it
 * @param target                        a duration on {@code clock}; or null when {@code workingDays} sets the deadline
 * @param workingDays                   due at the closing time of this working day after the start day (the start day
 *                                      does not count), on the location's business calendar
 * @param atRisk                        whether the timer warns: a duration target when the policy's at-risk share has
 *                                      elapsed, a working-days target at the closing time of {@code atRiskWorkingDays}
 * @param atRiskWorkingDays             for a working-days target that warns, the working day at whose closing time it
 *                                      does; null otherwise
 * @param requestWithinDaysAfterClosure for a request-started timer, the calendar days after the closure's local date
 *                                      by whose end the request must come, or null for no limit
 * @param cancelledByClose              whether closing the incident cancels the pending timer
 */
public record TimerRule(SlaTimer timer, TimerParty party, String rule, Set<Severity> severities, Set<String> coveredBy,
                        TimerStart startsOn, CustomerRequestKind requestKind, Duration target, Integer workingDays,
                        SlaClock clock, boolean atRisk, Integer atRiskWorkingDays, Integer requestWithinDaysAfterClosure,
                        boolean cancelledByClose) {

    public TimerRule {
        severities = severities == null ? Set.of() : Set.copyOf(severities);
        coveredBy = coveredBy == null ? Set.of() : Set.copyOf(coveredBy);
        if (timer == null || party == null || rule == null || startsOn == null || clock == null) {
            throw new IllegalArgumentException("timer rule " + rule + " needs timer, party, rule, startsOn and clock");
        }
        if (timer == SlaTimer.FIRST_RESPONSE) {
            throw new IllegalArgumentException("the first response's targets are the programs' rules, not a timer rule");
        }
        if ((target == null) == (workingDays == null)) {
            throw new IllegalArgumentException("timer " + timer + " needs exactly one of target and workingDays");
        }
        if (target != null && (target.isNegative() || target.isZero())) {
            throw new IllegalArgumentException("timer " + timer + " needs a positive target");
        }
        if (workingDays != null && (workingDays < 1 || clock != SlaClock.BUSINESS_HOURS)) {
            throw new IllegalArgumentException("timer " + timer + ": workingDays counts from 1 on the BUSINESS_HOURS clock");
        }
        if (atRiskWorkingDays != null && (workingDays == null || atRiskWorkingDays < 1 || atRiskWorkingDays >= workingDays)) {
            throw new IllegalArgumentException("timer " + timer + ": atRiskWorkingDays must come before workingDays");
        }
        if (workingDays != null && atRisk != (atRiskWorkingDays != null)) {
            throw new IllegalArgumentException("timer " + timer + ": a working-days target warns (atRisk: true) exactly when"
                    + " it names its atRiskWorkingDays");
        }
        if ((startsOn == TimerStart.CUSTOMER_REQUEST) != (requestKind != null)) {
            throw new IllegalArgumentException("timer " + timer + ": a requestKind goes with startsOn CUSTOMER_REQUEST only");
        }
    }

    public boolean appliesTo(Severity severity) {
        return severities.isEmpty() || severities.contains(severity);
    }

    /** The target as ISO-8601 text: the duration ({@code PT4H}) or the working days ({@code P10D}). */
    public String targetText() {
        return target != null ? target.toString() : "P" + workingDays + "D";
    }
}
