package dev.incidentsla.sla.engine;

import dev.incidentsla.api.Channel;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaClock;
import dev.incidentsla.api.SlaDecision;
import dev.incidentsla.api.contract.ProgramEntitlement;
import dev.incidentsla.api.contract.ScheduledEvent;
import dev.incidentsla.api.contract.SupportLocation;
import dev.incidentsla.sla.data.HolidayLibrary;
import dev.incidentsla.sla.data.PolicyFiles;
import dev.incidentsla.sla.policy.SlaPolicy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

/**
 * The engine exactly as production builds it (bundled policy, shipped holiday tables over Jollyday), and
 * small builders for contracts, incidents and the facts tests compare.
 */
final class EngineFixture {

    static final SlaEngine ENGINE = newEngine();
    static final SlaPolicy POLICY = ENGINE.policy();

    static final String UNIFIED = "UNIFIED";
    static final String UER = "UER";
    static final String RAPID_RESPONSE = "AZURE_RAPID_RESPONSE";
    static final String PLATFORM_MCS = "AZURE_PLATFORM_MCS";
    static final String EVENT_MCS = "AZURE_EVENT_MCS";
    static final String SECURITY_MCS = "SECURITY_CLOUD_MCS";

    static final String AZURE_VM = "azure-virtual-machines";
    static final String EXCHANGE_SERVER = "exchange-server";
    static final String ENTRA = "microsoft-entra";

    static final ZoneId JAKARTA_ZONE = ZoneId.of("Asia/Jakarta");
    static final SupportLocation JAKARTA = SupportLocation.of("Asia/Jakarta", "ID");

    private EngineFixture() {
    }

    /** A fresh engine (its own holiday library, so nothing is cached or logged yet). */
    static SlaEngine newEngine() {
        SlaPolicy policy = PolicyFiles.bundled();
        return new SlaEngine(policy, new LocationCalendars(policy.locationDefaults(), HolidayLibrary.bundled()));
    }

    // ---- time ----

    /** A Jakarta wall-clock time (UTC+7, no daylight saving), e.g. {@code "2026-11-20T17:00"}. */
    static Instant jakarta(String localDateTime) {
        return local(localDateTime, JAKARTA_ZONE);
    }

    static Instant local(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    static Instant utc(String instant) {
        return Instant.parse(instant);
    }

    static LocalDate date(String date) {
        return LocalDate.parse(date);
    }

    static List<LocalDate> dates(String... dates) {
        return Arrays.stream(dates).map(LocalDate::parse).toList();
    }

    static Duration minutes(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    static Duration hours(long hours) {
        return Duration.ofHours(hours);
    }

    // ---- contracts ----

    /** Contract "contoso" version 1, supported from Jakarta, holding the given programs (Unified is implied). */
    static ContractTerms contract(ProgramEntitlement... programs) {
        return contractIn(JAKARTA, programs);
    }

    static ContractTerms contractIn(SupportLocation location, ProgramEntitlement... programs) {
        return contractVersion(1, location, programs);
    }

    static ContractTerms contractVersion(int version, SupportLocation location, ProgramEntitlement... programs) {
        return new ContractTerms("contoso", version, location, List.of(programs));
    }

    static ProgramEntitlement held(String program) {
        return ProgramEntitlement.of(program);
    }

    static ProgramEntitlement heldFrom(String program, String effectiveFrom) {
        return new ProgramEntitlement(program, date(effectiveFrom), null);
    }

    static ProgramEntitlement eventMcs(ScheduledEvent... events) {
        return new ProgramEntitlement(EVENT_MCS, null, List.of(events));
    }

    static ScheduledEvent event(String eventId, String start, String end, String confirmedOn, boolean approved) {
        return new ScheduledEvent(eventId, date(start), date(end), confirmedOn == null ? null : date(confirmedOn), approved);
    }

    /** Jakarta with the contract's own calendar exceptions. */
    static SupportLocation jakartaWith(List<LocalDate> extraHolidays, List<LocalDate> removedHolidays,
                                       List<LocalDate> extraWorkingDays) {
        return new SupportLocation("Asia/Jakarta", "ID", null, null, null, extraHolidays, removedHolidays, extraWorkingDays);
    }

    static SupportLocation location(String timeZone, String country, String subdivision) {
        return new SupportLocation(timeZone, country, subdivision, null, null, null, null, null);
    }

    // ---- incidents ----

    /** An incident by phone, without 24x7, naming no event: {@code incident(A, AZURE_VM).via(CLOUD_PORTAL).submittedAt(t)}. */
    static IncidentBuilder incident(Severity severity, String product) {
        return new IncidentBuilder(severity, product);
    }

    static final class IncidentBuilder {

        private final Severity severity;
        private final String product;
        private Channel channel = Channel.PHONE;
        private boolean aroundTheClock;
        private String eventId;

        private IncidentBuilder(Severity severity, String product) {
            this.severity = severity;
            this.product = product;
        }

        IncidentBuilder via(Channel channel) {
            this.channel = channel;
            return this;
        }

        IncidentBuilder with24x7() {
            this.aroundTheClock = true;
            return this;
        }

        IncidentBuilder naming(String eventId) {
            this.eventId = eventId;
            return this;
        }

        IncidentFacts submittedAt(Instant submittedAt) {
            return new IncidentFacts(severity, product, channel, aroundTheClock, eventId, submittedAt);
        }
    }

    // ---- engine calls and what tests compare ----

    static SlaSelection open(ContractTerms contract, IncidentFacts incident) {
        return ENGINE.open(contract, incident);
    }

    static SlaDecision decide(ContractTerms contract, IncidentFacts incident) {
        return open(contract, incident).decision();
    }

    static FirstResponseSla opened(ContractTerms contract, IncidentFacts incident) {
        return FirstResponseSla.pending(decide(contract, incident));
    }

    static ProgramEvaluation evaluationOf(SlaSelection selection, String program) {
        return selection.evaluations().stream()
                .filter(evaluation -> evaluation.program().equals(program))
                .findFirst()
                .orElseThrow(() -> new AssertionError(program + " was not evaluated: " + selection.evaluations()));
    }

    /** The facts of a decision that say which deadline applies and why. */
    record Deadline(String program, String rule, Duration target, SlaClock clock, Instant dueAt) {

        static Deadline of(SlaDecision decision) {
            return new Deadline(decision.program(), decision.rule(), decision.target(), decision.clock(), decision.dueAt());
        }
    }

    static Deadline deadline(String program, String rule, Duration target, SlaClock clock, String dueAt) {
        return new Deadline(program, rule, target, clock, utc(dueAt));
    }

    static Deadline deadlineOf(ContractTerms contract, IncidentFacts incident) {
        return Deadline.of(decide(contract, incident));
    }

    /** A program's own verdict, winner or not: its rule and deadline, or no rule. */
    record Verdict(boolean covers, String rule, Instant dueAt) {

        static Verdict of(ProgramEvaluation evaluation) {
            return new Verdict(evaluation.covers(), evaluation.hasTarget() ? evaluation.rule().id() : null, evaluation.dueAt());
        }
    }

    static Verdict target(String rule, String dueAt) {
        return new Verdict(true, rule, utc(dueAt));
    }

    static Verdict target(String rule, Instant dueAt) {
        return new Verdict(true, rule, dueAt);
    }

    static final Verdict NO_TARGET = new Verdict(true, null, null);
    static final Verdict NOT_COVERED = new Verdict(false, null, null);

    static Verdict verdictOf(String program, ContractTerms contract, IncidentFacts incident) {
        return Verdict.of(evaluationOf(open(contract, incident), program));
    }
}
