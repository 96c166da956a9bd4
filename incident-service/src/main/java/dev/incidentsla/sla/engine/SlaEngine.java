package dev.incidentsla.sla.engine;

import dev.incidentsla.api.FirstResponseStatus;
import dev.incidentsla.api.RegradeEffect;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaClock;
import dev.incidentsla.api.SlaDecision;
import dev.incidentsla.api.contract.ProgramEntitlement;
import dev.incidentsla.api.contract.ScheduledEvent;
import dev.incidentsla.api.contract.SupportLocation;
import dev.incidentsla.sla.calendar.BusinessCalendar;
import dev.incidentsla.sla.calendar.Durations;
import dev.incidentsla.sla.calendar.LocalTimes;
import dev.incidentsla.sla.policy.Coverage;
import dev.incidentsla.sla.policy.Product;
import dev.incidentsla.sla.policy.ProgramPolicy;
import dev.incidentsla.sla.policy.ScheduledEventRule;
import dev.incidentsla.sla.policy.SlaPolicy;
import dev.incidentsla.sla.policy.TargetRule;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns (contract, product, channel, severity, 24x7 choice, instant) into an explained first-call-response
 * decision, and judges re-grades (SLA-RULES sections 2 to 5 and 7). Plain Java, driven by {@link SlaPolicy}.
 */
public final class SlaEngine {

    private final SlaPolicy policy;
    private final LocationCalendars calendars;

    public SlaEngine(SlaPolicy policy, LocationCalendars calendars) {
        this.policy = policy;
        this.calendars = calendars;
    }

    public SlaPolicy policy() {
        return policy;
    }

    public LocationCalendars calendars() {
        return calendars;
    }

    /**
     * The business calendar of the incident's support location (SLA-RULES section 2): the contract location it names,
     * or the contract's primary one. Every business-hours timer of the incident is walked on it.
     *
     * @throws UnknownLocationException when the contract has no location of the id the incident names
     */
    public BusinessCalendar calendarFor(ContractTerms contract, IncidentFacts incident) {
        return calendars.calendarFor(contract, incident.supportLocation());
    }

    /** The decision for an incident just submitted: its clock starts at the submission instant. */
    public SlaSelection open(ContractTerms contract, IncidentFacts incident) {
        return select(contract, incident, incident.submittedAt());
    }

    /**
     * Evaluates every program the contract holds, with coverage judged at submission and the clock started
     * at {@code clockStart}; the earliest deadline wins, ties going to the first program in policy order.
     */
    public SlaSelection select(ContractTerms contract, IncidentFacts incident, Instant clockStart) {
        Product product = policy.products().require(incident.product());
        BusinessCalendar calendar = calendarFor(contract, incident);
        requireKnownEvent(contract, incident);
        LocalDate submittedOn = LocalDate.ofInstant(incident.submittedAt(), calendar.zone());

        List<ProgramEvaluation> evaluations = new ArrayList<>();
        ProgramEvaluation winner = null;
        boolean seniorIncidentManager = false;
        for (ProgramPolicy program : policy.programs()) {
            Optional<ProgramEntitlement> entitlement = contract.entitlement(program.program());
            if (!program.heldByEveryContract() && entitlement.isEmpty()) {
                continue;
            }
            ProgramEvaluation evaluation = evaluate(program, entitlement.orElse(null), incident, product, submittedOn,
                    calendar, clockStart);
            evaluations.add(evaluation);
            seniorIncidentManager |= evaluation.covers() && program.seniorIncidentManagerFor().contains(incident.severity());
            if (evaluation.hasTarget() && (winner == null || evaluation.dueAt().isBefore(winner.dueAt()))) {
                winner = evaluation;
            }
        }
        if (winner == null) {
            throw new IllegalStateException("no program of policy " + policy.policyVersion() + " gives a target for "
                    + incident + ": the base program must cover every incident");
        }
        return new SlaSelection(decision(contract, incident, calendar, clockStart, winner, evaluations, seniorIncidentManager),
                evaluations);
    }

    /**
     * Judges a re-grade at its own instant (SLA-RULES section 5, 7.3-7.5, 7.11): nothing is recomputed after
     * the SLA stopped or when urgency is unchanged; an upgrade never moves the deadline later; a downgrade
     * takes the recomputed deadline.
     */
    public RegradeOutcome regrade(ContractTerms contract, IncidentFacts incident, FirstResponseSla current,
                                  Severity newSeverity, boolean newAroundTheClock, Instant at) {
        if (current.isStoppedAt(at)) {
            FirstResponseSla stopped = current.status() == FirstResponseStatus.PENDING ? current.breach() : current;
            return new RegradeOutcome(RegradeEffect.SLA_ALREADY_STOPPED, stopped);
        }
        int from = policy.urgency().rank(incident.severity(), incident.aroundTheClock());
        int to = policy.urgency().rank(newSeverity, newAroundTheClock);
        if (from == to) {
            return new RegradeOutcome(RegradeEffect.URGENCY_UNCHANGED, current);
        }
        SlaDecision recomputed = select(contract, incident.regradedTo(newSeverity, newAroundTheClock), at).decision();
        if (to < from) {
            return new RegradeOutcome(RegradeEffect.DOWNGRADE_RECOMPUTED, current.withDecision(recomputed));
        }
        if (recomputed.dueAt().isBefore(current.dueAt())) {
            return new RegradeOutcome(RegradeEffect.UPGRADE_RECOMPUTED, current.withDecision(recomputed));
        }
        boolean assignsManagerNow = recomputed.seniorIncidentManager() && !current.decision().seniorIncidentManager();
        return new RegradeOutcome(RegradeEffect.UPGRADE_KEPT_DEADLINE,
                assignsManagerNow ? current.withDecision(withSeniorIncidentManager(current.decision())) : current);
    }

    /**
     * Checks a contract's terms against the policy: a usable support location, programs the policy knows, and
     * scheduled events only under programs that cover events, each window within the policy's limits.
     *
     * @throws InvalidContractException naming the first broken rule
     */
    public void validate(ContractTerms contract) {
        calendars.validate(contract);
        Set<String> eventIds = new HashSet<>();
        Set<String> programs = new HashSet<>();
        for (ProgramEntitlement entitlement : contract.programs()) {
            ProgramPolicy program = policy.program(entitlement.program()).orElseThrow(() -> new InvalidContractException(
                    "unknown program '" + entitlement.program() + "' (the policy knows " + policy.programs().stream()
                            .map(ProgramPolicy::program).collect(Collectors.joining(", ")) + ")"));
            if (!programs.add(program.program())) {
                throw new InvalidContractException("program " + program.program() + " is listed twice");
            }
            if (program.heldByEveryContract() && entitlement.effectiveFrom() != null) {
                throw new InvalidContractException("program " + program.program()
                        + " is held by every contract from its start: it takes no effectiveFrom");
            }
            ScheduledEventRule rule = program.coverage().scheduledEvent();
            if (rule == null && !entitlement.eventsOrEmpty().isEmpty()) {
                throw new InvalidContractException("program " + program.program() + " does not cover scheduled events");
            }
            for (ScheduledEvent event : entitlement.eventsOrEmpty()) {
                validate(event, rule, program.program());
                if (!eventIds.add(event.eventId())) {
                    throw new InvalidContractException("event id '" + event.eventId() + "' is scheduled twice");
                }
            }
        }
    }

    private static void validate(ScheduledEvent event, ScheduledEventRule rule, String program) {
        if (event.eventId() == null || event.eventId().isBlank() || event.start() == null || event.end() == null) {
            throw new InvalidContractException(program + ": a scheduled event needs an eventId, a start and an end");
        }
        long days = ChronoUnit.DAYS.between(event.start(), event.end()) + 1;
        if (days < rule.minimumWindowDays() || days > rule.maximumWindowDays()) {
            throw new InvalidContractException(program + ": event " + event.eventId() + " spans " + days
                    + " days; a window spans " + rule.minimumWindowDays() + " to " + rule.maximumWindowDays()
                    + " consecutive days");
        }
    }

    private static SlaDecision withSeniorIncidentManager(SlaDecision decision) {
        return new SlaDecision(decision.program(), decision.rule(), decision.target(), decision.clock(),
                decision.clockStartedAt(), decision.dueAt(), decision.atRiskAt(), decision.policyVersion(),
                decision.contractVersion(), true, decision.explanation());
    }

    private ProgramEvaluation evaluate(ProgramPolicy program, ProgramEntitlement entitlement, IncidentFacts incident,
                                       Product product, LocalDate submittedOn, BusinessCalendar calendar, Instant clockStart) {
        String name = program.program();
        if (entitlement != null && entitlement.effectiveFrom() != null && submittedOn.isBefore(entitlement.effectiveFrom())) {
            return ProgramEvaluation.notCovering(name, "effective only from " + entitlement.effectiveFrom());
        }
        String notCovered = coverageGap(program.coverage(), entitlement, incident, product, submittedOn);
        if (notCovered != null) {
            return ProgramEvaluation.notCovering(name, notCovered);
        }
        for (TargetRule rule : program.rules()) {
            if (rule.matches(incident.severity(), incident.aroundTheClock(), product)) {
                return new ProgramEvaluation(name, true, rule, due(rule.clock(), calendar, clockStart, rule.target()), null);
            }
        }
        return ProgramEvaluation.withoutTarget(name, "no target for Sev " + incident.severity()
                + (incident.aroundTheClock() ? " with 24x7" : "") + " on " + product.code());
    }

    private static String coverageGap(Coverage coverage, ProgramEntitlement entitlement, IncidentFacts incident,
                                      Product product, LocalDate submittedOn) {
        String productGap = coverage.products().exclusionReason(product);
        if (productGap != null) {
            return productGap;
        }
        if (!coverage.channels().isEmpty() && !coverage.channels().contains(incident.channel())) {
            return "channel " + incident.channel() + " is not " + coverage.channels().stream().map(Enum::name)
                    .sorted().collect(Collectors.joining("/"));
        }
        ScheduledEventRule eventRule = coverage.scheduledEvent();
        if (eventRule == null) {
            return null;
        }
        if (incident.eventId() == null) {
            return "the incident names no scheduled critical event";
        }
        Optional<ScheduledEvent> event = entitlement == null ? Optional.empty() : entitlement.eventsOrEmpty().stream()
                .filter(candidate -> candidate.eventId().equals(incident.eventId())).findFirst();
        if (event.isEmpty()) {
            return "event " + incident.eventId() + " is not scheduled under this program";
        }
        ScheduledEvent window = event.get();
        if (submittedOn.isBefore(window.start()) || submittedOn.isAfter(window.end())) {
            return "submitted on " + submittedOn + ", outside event " + window.eventId() + " (" + window.start()
                    + " to " + window.end() + ")";
        }
        boolean confirmedInTime = window.confirmedOn() != null
                && !window.confirmedOn().isAfter(window.start().minusDays(eventRule.minimumNoticeDays()));
        if (!confirmedInTime && !window.approved()) {
            return "event " + window.eventId() + " was not confirmed " + eventRule.minimumNoticeDays()
                    + " days before it starts and is not approved";
        }
        return null;
    }

    private static void requireKnownEvent(ContractTerms contract, IncidentFacts incident) {
        if (incident.eventId() == null) {
            return;
        }
        boolean scheduled = contract.programs().stream()
                .flatMap(entitlement -> entitlement.eventsOrEmpty().stream())
                .anyMatch(event -> event.eventId().equals(incident.eventId()));
        if (!scheduled) {
            throw new UnknownEventException(incident.eventId(), contract.contractId());
        }
    }

    private static Instant due(SlaClock clock, BusinessCalendar calendar, Instant start, Duration target) {
        return clock == SlaClock.ROUND_THE_CLOCK ? start.plus(target) : calendar.add(start, target);
    }

    private SlaDecision decision(ContractTerms contract, IncidentFacts incident, BusinessCalendar calendar,
                                 Instant clockStart, ProgramEvaluation winner, List<ProgramEvaluation> evaluations,
                                 boolean seniorIncidentManager) {
        TargetRule rule = winner.rule();
        Instant atRiskAt = due(rule.clock(), calendar, clockStart, atRiskShareOf(rule.target()));
        String explanation = explain(contract, incident, calendar, clockStart, winner, evaluations);
        return new SlaDecision(winner.program(), rule.id(), rule.target(), rule.clock(), clockStart, winner.dueAt(),
                atRiskAt, policy.policyVersion(), contract.version(), seniorIncidentManager, explanation);
    }

    private Duration atRiskShareOf(Duration target) {
        BigDecimal seconds = BigDecimal.valueOf(target.getSeconds()).multiply(policy.atRiskShare());
        return Duration.ofSeconds(seconds.setScale(0, RoundingMode.DOWN).longValueExact());
    }

    private String explain(ContractTerms contract, IncidentFacts incident, BusinessCalendar calendar, Instant clockStart,
                           ProgramEvaluation winner, List<ProgramEvaluation> evaluations) {
        TargetRule rule = winner.rule();
        StringBuilder text = new StringBuilder()
                .append("Sev ").append(incident.severity()).append(incident.aroundTheClock() ? " (24x7 chosen)" : "")
                .append(" on ").append(incident.product()).append(" via ").append(incident.channel())
                .append(", submitted ").append(incident.submittedAt()).append(". ")
                .append(located(contract.location(incident.supportLocation()))).append(". ")
                .append(winner.program()).append(" rule ").append(rule.id()).append(" sets ")
                .append(Durations.readable(rule.target())).append(" ")
                .append(rule.clock() == SlaClock.ROUND_THE_CLOCK ? "round-the-clock" : "on business hours")
                .append(". ");
        if (rule.clock() == SlaClock.ROUND_THE_CLOCK) {
            text.append(Durations.readable(rule.target())).append(" of real time from ").append(local(clockStart, calendar))
                    .append(": due ").append(local(winner.dueAt(), calendar)).append(" (").append(winner.dueAt()).append(")");
        } else {
            text.append(calendar.zone()).append(" [").append(calendar.week()).append("]: ")
                    .append(calendar.addExplained(clockStart, rule.target()).describe());
        }
        text.append(". Programs held: ").append(evaluations.stream()
                .map(ProgramEvaluation::describe).collect(Collectors.joining("; ")));
        text.append(". Earliest deadline wins, ties to the first program in policy order. Policy ")
                .append(policy.policyVersion()).append(", contract ").append(contract.contractId())
                .append(" version ").append(contract.version()).append('.');
        return text.toString();
    }

    private static String located(SupportLocation location) {
        return "Support location " + location.id() + " (" + location.country()
                + (location.subdivision() == null ? "" : "-" + location.subdivision()) + ", " + location.timeZone() + ")";
    }

    private static String local(Instant instant, BusinessCalendar calendar) {
        return LocalTimes.dateTime(instant, calendar.zone());
    }
}
