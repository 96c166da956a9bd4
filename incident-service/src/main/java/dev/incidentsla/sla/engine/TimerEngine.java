package dev.incidentsla.sla.engine;

import dev.incidentsla.api.CustomerRequestKind;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaClock;
import dev.incidentsla.api.incident.TimerId;
import dev.incidentsla.sla.calendar.BusinessCalendar;
import dev.incidentsla.sla.calendar.DayPlan;
import dev.incidentsla.sla.calendar.Durations;
import dev.incidentsla.sla.calendar.LocalTimes;
import dev.incidentsla.sla.calendar.WorkingWindow;
import dev.incidentsla.sla.policy.SlaPolicy;
import dev.incidentsla.sla.policy.TimerRule;
import dev.incidentsla.sla.policy.TimerStart;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Decides the timers of SLA-RULES section 9 from the policy's timer rules: which incidents they apply to, when each is
 * due, and which a re-grade or the close cancels. Plain Java; the incident applies what it decides.
 */
public final class TimerEngine {

    /** A working-days deadline lands within this many days of its start, or the calendar has no working days. */
    private static final int MAX_DAYS_SEARCHED = 3 * 366;

    private final SlaEngine engine;

    public TimerEngine(SlaEngine engine) {
        this.engine = engine;
    }

    private SlaPolicy policy() {
        return engine.policy();
    }

    /** The timers that start with the incident's submission (the crit-sit assignment of an Event MCS incident). */
    public List<TimerSla> atSubmission(ContractTerms contract, IncidentFacts incident) {
        List<TimerSla> started = new ArrayList<>();
        for (TimerRule rule : policy().timers()) {
            if (rule.startsOn() == TimerStart.SUBMISSION && rule.appliesTo(incident.severity())
                    && coverageGap(rule, contract, incident) == null) {
                started.add(started(rule, contract, incident, IncidentTimers.NONE.nextId(rule.timer()),
                        incident.submittedAt(), incident.submittedAt()));
            }
        }
        return started;
    }

    /**
     * Support asks the customer at {@code at}: a new instance of the customer timer of that kind, due on its own clock.
     *
     * @throws TimerRuleException when the incident's severity (or coverage) does not take that timer
     */
    public TimerSla askCustomer(ContractTerms contract, IncidentFacts incident, IncidentTimers timers,
                                CustomerRequestKind kind, Instant at) {
        TimerRule rule = policy().timers().stream().filter(candidate -> candidate.requestKind() == kind).findFirst()
                .orElseThrow(() -> new TimerRuleException("policy " + policy().policyVersion()
                        + " has no timer for customer requests of kind " + kind));
        requireApplies(rule, contract, incident);
        return started(rule, contract, incident, timers.nextId(rule.timer()), at, at);
    }

    /**
     * The customer requests a root-cause analysis at {@code requestedAt}: its timer, with its clock running from the
     * mitigation when that is known, and pending with no deadline otherwise.
     *
     * @param closedAt the incident's closure, or null while it is open
     * @throws TimerRuleException when the incident does not qualify, or the request comes after the window that
     *                            follows the closure
     */
    public TimerSla requestRca(ContractTerms contract, IncidentFacts incident, IncidentTimers timers, Instant requestedAt,
                               Instant mitigatedAt, Instant closedAt) {
        TimerRule rule = policy().timers().stream()
                .filter(candidate -> candidate.startsOn() == TimerStart.RCA_REQUEST_AND_MITIGATION).findFirst()
                .orElseThrow(() -> new TimerRuleException("policy " + policy().policyVersion()
                        + " has no timer for root-cause analyses"));
        requireApplies(rule, contract, incident);
        BusinessCalendar calendar = engine.calendarFor(contract, incident);
        if (closedAt != null && rule.requestWithinDaysAfterClosure() != null) {
            LocalDate closedOn = LocalDate.ofInstant(closedAt, calendar.zone());
            LocalDate lastDay = closedOn.plusDays(rule.requestWithinDaysAfterClosure());
            LocalDate requestedOn = LocalDate.ofInstant(requestedAt, calendar.zone());
            if (requestedOn.isAfter(lastDay)) {
                throw new TimerRuleException("an RCA must be requested no later than " + rule.requestWithinDaysAfterClosure()
                        + " calendar days after the closure (closed on " + closedOn + " in " + calendar.zone()
                        + ", so by the end of " + lastDay + "), not on " + requestedOn);
            }
        }
        TimerId id = timers.nextId(rule.timer());
        if (mitigatedAt == null) {
            return TimerSla.pending(id, rule.timer(), rule.party(), rule.rule(), coveringProgram(rule, contract, incident),
                    requestedAt, null, null, null, rule.targetText(), rule.clock(), policy().policyVersion(),
                    "Requested " + requestedAt
                            + "; the clock starts at the later of the request and the mitigation, which is not known yet.");
        }
        return started(rule, contract, incident, id, requestedAt, latest(requestedAt, mitigatedAt));
    }

    /** The mitigation became known at {@code mitigatedAt}: a requested RCA waiting for it starts its clock. */
    public TimerSla mitigated(ContractTerms contract, IncidentFacts incident, TimerSla rca, Instant mitigatedAt) {
        TimerRule rule = policy().timer(rca.timer()).orElseThrow(() -> new IllegalStateException("policy "
                + policy().policyVersion() + " has no rule for timer " + rca.timer() + " any more"));
        Instant start = latest(rca.requestedAt(), mitigatedAt);
        Deadline deadline = deadline(rule, engine.calendarFor(contract, incident), start);
        return rca.clockStarted(start, deadline.dueAt(), deadline.atRiskAt(), deadline.explanation());
    }

    /**
     * The pending timers a re-grade to {@code severity} at {@code at} cancels: those whose rule does not apply to it.
     * A re-grade into a severity a timer applies to starts nothing: no timer is started retroactively.
     */
    public List<TimerSla> cancelledByRegrade(IncidentTimers timers, Severity severity, Instant at) {
        return timers.all().stream()
                .filter(timer -> timer.isPendingAt(at))
                .filter(timer -> policy().timer(timer.timer()).map(rule -> !rule.appliesTo(severity)).orElse(false))
                .map(timer -> timer.cancel(at))
                .toList();
    }

    /** The pending timers the close at {@code at} cancels: the customer's and the crit-sit's, never an RCA. */
    public List<TimerSla> cancelledByClose(IncidentTimers timers, Instant at) {
        return timers.all().stream()
                .filter(timer -> timer.isPendingAt(at))
                .filter(timer -> policy().timer(timer.timer()).map(TimerRule::cancelledByClose).orElse(true))
                .map(timer -> timer.cancel(at))
                .toList();
    }

    private void requireApplies(TimerRule rule, ContractTerms contract, IncidentFacts incident) {
        if (!rule.appliesTo(incident.severity())) {
            throw new TimerRuleException("timer " + rule.timer() + " applies to Sev " + rule.severities().stream()
                    .map(Severity::toString).sorted().collect(Collectors.joining("/")) + " only; the incident is Sev "
                    + incident.severity());
        }
        String gap = coverageGap(rule, contract, incident);
        if (gap != null) {
            throw new TimerRuleException("timer " + rule.timer() + " applies to incidents covered by " + gap);
        }
    }

    /** Null when a program of the rule covers the incident at submission; otherwise what would have to cover it. */
    private String coverageGap(TimerRule rule, ContractTerms contract, IncidentFacts incident) {
        if (rule.coveredBy().isEmpty() || coveringProgram(rule, contract, incident) != null) {
            return null;
        }
        return rule.coveredBy().stream().sorted().collect(Collectors.joining(" or ")) + " at submission, and this one is not";
    }

    /**
     * The first program of the rule, in policy order, that covers the incident at submission: the program the timer is
     * owed under. Null for a rule that needs no coverage (a customer's timer), whose program the incident sets.
     */
    private String coveringProgram(TimerRule rule, ContractTerms contract, IncidentFacts incident) {
        if (rule.coveredBy().isEmpty()) {
            return null;
        }
        return engine.select(contract, incident, incident.submittedAt()).evaluations().stream()
                .filter(evaluation -> evaluation.covers() && rule.coveredBy().contains(evaluation.program()))
                .map(ProgramEvaluation::program).findFirst().orElse(null);
    }

    private TimerSla started(TimerRule rule, ContractTerms contract, IncidentFacts incident, TimerId id,
                             Instant requestedAt, Instant start) {
        Deadline deadline = deadline(rule, engine.calendarFor(contract, incident), start);
        return TimerSla.pending(id, rule.timer(), rule.party(), rule.rule(), coveringProgram(rule, contract, incident),
                requestedAt, start, deadline.dueAt(),
                deadline.atRiskAt(), rule.targetText(), rule.clock(), policy().policyVersion(), deadline.explanation());
    }

    private record Deadline(Instant dueAt, Instant atRiskAt, String explanation) {
    }

    private Deadline deadline(TimerRule rule, BusinessCalendar calendar, Instant start) {
        String heading = rule.timer() + " (" + rule.party() + ") rule " + rule.rule() + ", policy "
                + policy().policyVersion() + ": ";
        if (rule.workingDays() != null) {
            Instant due = closingOfWorkingDay(calendar, start, rule.workingDays());
            Instant atRisk = rule.atRisk() ? closingOfWorkingDay(calendar, start, rule.atRiskWorkingDays()) : null;
            return new Deadline(due, atRisk, heading + "closing time of the " + rule.workingDays()
                    + "th working day after the start day " + LocalDate.ofInstant(start, calendar.zone()) + " in "
                    + calendar.zone() + " [" + calendar.week() + "]" + daysSkipped(calendar, start, due) + ": due "
                    + LocalTimes.dateTime(due, calendar.zone()) + " (" + due + ").");
        }
        Duration target = rule.target();
        Instant due = add(rule.clock(), calendar, start, target);
        Instant atRisk = rule.atRisk() ? add(rule.clock(), calendar, start, atRiskShareOf(target)) : null;
        String walk = rule.clock() == SlaClock.ROUND_THE_CLOCK
                ? Durations.readable(target) + " round-the-clock from " + LocalTimes.dateTime(start, calendar.zone())
                + ": due " + LocalTimes.dateTime(due, calendar.zone()) + " (" + due + ")"
                : Durations.readable(target) + " on business hours, " + calendar.zone() + " [" + calendar.week() + "]: "
                + calendar.addExplained(start, target).describe();
        return new Deadline(due, atRisk, heading + walk + ".");
    }

    private static Instant add(SlaClock clock, BusinessCalendar calendar, Instant start, Duration amount) {
        return clock == SlaClock.ROUND_THE_CLOCK ? start.plus(amount) : calendar.add(start, amount);
    }

    private Duration atRiskShareOf(Duration target) {
        BigDecimal seconds = BigDecimal.valueOf(target.getSeconds()).multiply(policy().atRiskShare());
        return Duration.ofSeconds(seconds.setScale(0, RoundingMode.DOWN).longValueExact());
    }

    /**
     * The closing time of the {@code count}th working day after the start's local day, which does not count, whatever
     * the time of day of the start.
     */
    static Instant closingOfWorkingDay(BusinessCalendar calendar, Instant start, int count) {
        LocalDate date = LocalDate.ofInstant(start, calendar.zone());
        int working = 0;
        for (int day = 1; day <= MAX_DAYS_SEARCHED; day++) {
            DayPlan plan = calendar.day(date.plusDays(day));
            if (!plan.windows().isEmpty() && ++working == count) {
                WorkingWindow last = plan.windows().get(plan.windows().size() - 1);
                return plan.date().atStartOfDay().plusSeconds(last.closesAt()).atZone(calendar.zone()).toInstant();
            }
        }
        throw new IllegalStateException(calendar + " has fewer than " + count + " working days in the "
                + MAX_DAYS_SEARCHED + " days after " + date);
    }

    private static String daysSkipped(BusinessCalendar calendar, Instant start, Instant due) {
        LocalDate last = LocalDate.ofInstant(due, calendar.zone());
        List<String> skipped = new ArrayList<>();
        for (LocalDate date = LocalDate.ofInstant(start, calendar.zone()).plusDays(1); date.isBefore(last);
             date = date.plusDays(1)) {
            DayPlan plan = calendar.day(date);
            if (plan.windows().isEmpty()) {
                skipped.add(date + " " + plan.describe());
            }
        }
        return skipped.isEmpty() ? "" : ", skipping " + String.join(", ", skipped);
    }

    private static Instant latest(Instant first, Instant second) {
        return Objects.requireNonNull(first).isAfter(second) ? first : second;
    }
}
