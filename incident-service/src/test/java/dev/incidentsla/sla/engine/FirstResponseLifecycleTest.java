package dev.incidentsla.sla.engine;

import dev.incidentsla.api.FirstResponseStatus;
import dev.incidentsla.api.RegradeEffect;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaDecision;
import dev.incidentsla.sla.engine.EngineFixture.Deadline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;

import static dev.incidentsla.api.Channel.CLOUD_PORTAL;
import static dev.incidentsla.api.FirstResponseStatus.BREACHED;
import static dev.incidentsla.api.FirstResponseStatus.CANCELLED;
import static dev.incidentsla.api.FirstResponseStatus.MET;
import static dev.incidentsla.api.FirstResponseStatus.PENDING;
import static dev.incidentsla.api.Severity.A;
import static dev.incidentsla.api.Severity.B;
import static dev.incidentsla.api.Severity.C;
import static dev.incidentsla.api.Severity.SEV_1;
import static dev.incidentsla.api.SlaClock.BUSINESS_HOURS;
import static dev.incidentsla.api.SlaClock.ROUND_THE_CLOCK;
import static dev.incidentsla.sla.engine.EngineFixture.AZURE_VM;
import static dev.incidentsla.sla.engine.EngineFixture.ENGINE;
import static dev.incidentsla.sla.engine.EngineFixture.EXCHANGE_SERVER;
import static dev.incidentsla.sla.engine.EngineFixture.RAPID_RESPONSE;
import static dev.incidentsla.sla.engine.EngineFixture.UNIFIED;
import static dev.incidentsla.sla.engine.EngineFixture.contract;
import static dev.incidentsla.sla.engine.EngineFixture.deadline;
import static dev.incidentsla.sla.engine.EngineFixture.held;
import static dev.incidentsla.sla.engine.EngineFixture.hours;
import static dev.incidentsla.sla.engine.EngineFixture.incident;
import static dev.incidentsla.sla.engine.EngineFixture.jakarta;
import static dev.incidentsla.sla.engine.EngineFixture.minutes;
import static dev.incidentsla.sla.engine.EngineFixture.opened;
import static dev.incidentsla.sla.engine.EngineFixture.utc;
import static org.assertj.core.api.Assertions.assertThat;

/** SLA-RULES section 5 and 7.3 to 7.6: re-grades, responses, closes and breaches. Unified only, Jakarta (UTC+7). */
class FirstResponseLifecycleTest {

    private static final ContractTerms UNIFIED_ONLY = contract();

    /** Sev C, Mon 2026-11-16 09:00 WIB (02:00Z): due 13:00 WIB (06:00Z). */
    private static final IncidentFacts SEV_C_MONDAY_0900 = incident(C, EXCHANGE_SERVER).submittedAt(jakarta("2026-11-16T09:00"));
    /** Sev A, Mon 2026-11-16 10:00 WIB (03:00Z): due 11:00 WIB (04:00Z). */
    private static final IncidentFacts SEV_A_MONDAY_1000 = incident(A, AZURE_VM).submittedAt(jakarta("2026-11-16T10:00"));
    private static final Instant SEV_A_DUE_AT = utc("2026-11-16T04:00:00Z");
    /** Sev B, Fri 2026-11-20 17:00 WIB (10:00Z): due Mon 10:30 WIB (2026-11-23T03:30Z). */
    private static final IncidentFacts SEV_B_FRIDAY_1700 = incident(B, EXCHANGE_SERVER).submittedAt(jakarta("2026-11-20T17:00"));
    /** The same with 24x7 chosen: due Fri 19:00 WIB (12:00Z). */
    private static final IncidentFacts SEV_B_24X7_FRIDAY_1700 = incident(B, EXCHANGE_SERVER).with24x7().submittedAt(jakarta("2026-11-20T17:00"));

    private static RegradeOutcome regrade(IncidentFacts incident, FirstResponseSla sla, Severity to, boolean aroundTheClock, Instant at) {
        return regrade(UNIFIED_ONLY, incident, sla, to, aroundTheClock, at);
    }

    private static RegradeOutcome regrade(ContractTerms contract, IncidentFacts incident, FirstResponseSla sla, Severity to,
                                          boolean aroundTheClock, Instant at) {
        return ENGINE.regrade(contract, incident, sla, to, aroundTheClock, at);
    }

    private static FirstResponseSla open(IncidentFacts incident) {
        return opened(UNIFIED_ONLY, incident);
    }

    // ---- opened ----

    @Test
    void an_opened_sla_is_pending_with_its_deadline_computed_from_the_submission() {
        FirstResponseSla sla = open(SEV_C_MONDAY_0900);
        assertThat(sla.status()).isEqualTo(PENDING);
        assertThat(sla.decision().clockStartedAt()).isEqualTo("2026-11-16T02:00:00Z");
        assertThat(sla.dueAt()).isEqualTo("2026-11-16T06:00:00Z");
    }

    // ---- re-grades before the first response ----

    @Test
    void an_upgrade_whose_recomputed_deadline_is_earlier_takes_it_from_the_regrade_instant() {
        RegradeOutcome outcome = regrade(SEV_C_MONDAY_0900, open(SEV_C_MONDAY_0900), A, false, jakarta("2026-11-16T10:00"));

        assertThat(outcome.effect()).isEqualTo(RegradeEffect.UPGRADE_RECOMPUTED);
        assertThat(Deadline.of(outcome.sla().decision()))
                .isEqualTo(deadline(UNIFIED, "unified.sev-a", minutes(60), ROUND_THE_CLOCK, "2026-11-16T04:00:00Z"));
        assertThat(outcome.sla().decision().clockStartedAt()).isEqualTo("2026-11-16T03:00:00Z");
        assertThat(outcome.sla().status()).isEqualTo(PENDING);
    }

    @Test
    void an_upgrade_never_moves_the_deadline_later_and_keeps_the_old_target_clock_and_rule() {
        FirstResponseSla sla = open(SEV_C_MONDAY_0900);
        RegradeOutcome outcome = regrade(SEV_C_MONDAY_0900, sla, B, false, jakarta("2026-11-16T12:00"));

        assertThat(outcome.effect()).as("Sev B from 12:00 would be due 14:00, after 13:00").isEqualTo(RegradeEffect.UPGRADE_KEPT_DEADLINE);
        assertThat(outcome.sla()).isEqualTo(sla);
        assertThat(Deadline.of(outcome.sla().decision()))
                .isEqualTo(deadline(UNIFIED, "unified.sev-c.business-hours", hours(4), BUSINESS_HOURS, "2026-11-16T06:00:00Z"));
    }

    @Test
    void an_upgrade_that_keeps_the_old_deadline_keeps_the_old_program() {
        ContractTerms withRapidResponse = contract(held(RAPID_RESPONSE));
        IncidentFacts sevA = incident(A, AZURE_VM).via(CLOUD_PORTAL).submittedAt(jakarta("2026-11-16T10:00"));
        FirstResponseSla sla = opened(withRapidResponse, sevA);

        RegradeOutcome outcome = regrade(withRapidResponse, sevA, sla, SEV_1, false, jakarta("2026-11-16T10:05"));

        assertThat(outcome.effect()).as("Sev 1 from 10:05 would be due 10:20, after 10:15").isEqualTo(RegradeEffect.UPGRADE_KEPT_DEADLINE);
        assertThat(Deadline.of(outcome.sla().decision()))
                .isEqualTo(deadline(RAPID_RESPONSE, "rapid-response.sev-1-a", minutes(15), ROUND_THE_CLOCK, "2026-11-16T03:15:00Z"));
    }

    @Test
    void an_upgrade_to_a_uer_sev_a_assigns_a_senior_incident_manager_even_when_it_keeps_the_old_deadline() {
        ContractTerms withUer = contract(held("UER"));
        IncidentFacts sevB = incident(B, AZURE_VM).submittedAt(jakarta("2026-11-16T09:00"));
        FirstResponseSla sla = opened(withUer, sevB);
        assertThat(sla.decision().seniorIncidentManager()).isFalse();

        RegradeOutcome outcome = regrade(withUer, sevB, sla, A, false, jakarta("2026-11-16T10:45"));

        assertThat(outcome.effect()).as("UER Sev A from 10:45 would be due 11:15, after 11:00")
                .isEqualTo(RegradeEffect.UPGRADE_KEPT_DEADLINE);
        assertThat(Deadline.of(outcome.sla().decision())).isEqualTo(Deadline.of(sla.decision()));
        assertThat(outcome.sla().decision().seniorIncidentManager()).isTrue();
    }

    @Test
    void a_response_after_the_breach_is_recorded_and_the_breach_stands() {
        FirstResponseSla breached = open(SEV_A_MONDAY_1000).breach();
        Instant late = SEV_A_DUE_AT.plusSeconds(600);
        FirstResponseSla responded = breached.respond(late);
        assertThat(responded.status()).isEqualTo(BREACHED);
        assertThat(responded.respondedAt()).isEqualTo(late);
        assertThat(responded.stoppedAt()).isEqualTo(SEV_A_DUE_AT);
    }

    @Test
    void a_response_dated_before_the_deadline_but_posted_after_the_breach_was_recorded_is_met_at_its_own_instant() {
        FirstResponseSla recorded = open(SEV_A_MONDAY_1000).breachRecorded(SEV_A_DUE_AT.plusSeconds(1));
        assertThat(recorded.statusAt(SEV_A_DUE_AT.plusSeconds(1))).isEqualTo(BREACHED);
        FirstResponseSla responded = recorded.respond(SEV_A_DUE_AT);
        assertThat(responded.status()).isEqualTo(MET);
        assertThat(responded.stoppedAt()).isEqualTo(SEV_A_DUE_AT);
        assertThat(recorded.respond(SEV_A_DUE_AT.plusSeconds(5)).status()).isEqualTo(BREACHED);
    }

    @Test
    void a_close_dated_before_the_deadline_but_posted_after_the_breach_was_recorded_cancels_at_its_own_instant() {
        FirstResponseSla recorded = open(SEV_A_MONDAY_1000).breachRecorded(SEV_A_DUE_AT.plusSeconds(1));
        assertThat(recorded.close(SEV_A_DUE_AT.minusSeconds(60)).status()).isEqualTo(CANCELLED);
        assertThat(recorded.close(SEV_A_DUE_AT.plusSeconds(60)).status()).isEqualTo(BREACHED);
    }

    @Test
    void a_regrade_dated_before_the_deadline_but_posted_after_the_breach_was_recorded_recomputes_as_at_its_instant() {
        FirstResponseSla recorded = open(SEV_A_MONDAY_1000).breachRecorded(SEV_A_DUE_AT.plusSeconds(1));
        assertThat(recorded.isStoppedAt(SEV_A_DUE_AT.minusSeconds(60))).isFalse();
        assertThat(recorded.isStoppedAt(SEV_A_DUE_AT.plusSeconds(60))).isTrue();
    }

    @Test
    void the_breach_falls_due_once_just_after_the_deadline_and_never_for_a_stopped_or_moved_one() {
        FirstResponseSla sla = open(SEV_A_MONDAY_1000);
        assertThat(sla.breachFallsDue(SEV_A_DUE_AT, SEV_A_DUE_AT)).as("a response at the deadline is still met").isFalse();
        assertThat(sla.breachFallsDue(SEV_A_DUE_AT, SEV_A_DUE_AT.plusNanos(1))).isTrue();
        assertThat(sla.breachFallsDue(SEV_A_DUE_AT.minusSeconds(60), SEV_A_DUE_AT.plusSeconds(1))).as("moved").isFalse();
        assertThat(sla.breachRecorded(SEV_A_DUE_AT.plusSeconds(1)).breachFallsDue(SEV_A_DUE_AT, SEV_A_DUE_AT.plusSeconds(1)))
                .as("recorded once").isFalse();
        assertThat(sla.respond(SEV_A_DUE_AT).breachFallsDue(SEV_A_DUE_AT, SEV_A_DUE_AT.plusSeconds(1))).isFalse();
        assertThat(sla.respond(SEV_A_DUE_AT.plusSeconds(1)).breachFallsDue(SEV_A_DUE_AT, SEV_A_DUE_AT.plusSeconds(2)))
                .as("a late response breached it, and the breach is still to be recorded").isTrue();
        assertThat(sla.close(SEV_A_DUE_AT.minusSeconds(1)).breachFallsDue(SEV_A_DUE_AT, SEV_A_DUE_AT.plusSeconds(1))).isFalse();
    }

    @Test
    void the_at_risk_deadline_hands_over_to_a_breach_deadline_only_while_a_breach_may_still_be_recorded() {
        FirstResponseSla sla = open(SEV_A_MONDAY_1000);
        Instant atRisk = sla.decision().atRiskAt();
        assertThat(sla.breachMayFallDue(atRisk, SEV_A_DUE_AT)).as("pending").isTrue();
        assertThat(sla.warned(atRisk).breachMayFallDue(atRisk, SEV_A_DUE_AT)).as("warned, still pending").isTrue();
        assertThat(sla.breachMayFallDue(atRisk.minusSeconds(60), SEV_A_DUE_AT)).as("another at-risk instant").isFalse();
        assertThat(sla.breachMayFallDue(atRisk, SEV_A_DUE_AT.minusSeconds(60))).as("another deadline").isFalse();
        assertThat(sla.respond(atRisk.minusSeconds(1)).breachMayFallDue(atRisk, SEV_A_DUE_AT)).as("met").isFalse();
        assertThat(sla.close(atRisk.minusSeconds(1)).breachMayFallDue(atRisk, SEV_A_DUE_AT)).as("cancelled").isFalse();
        assertThat(sla.respond(SEV_A_DUE_AT.plusSeconds(1)).breachMayFallDue(atRisk, SEV_A_DUE_AT))
                .as("a late response breached it, and the breach is still to be recorded").isTrue();
        assertThat(sla.breachRecorded(SEV_A_DUE_AT.plusSeconds(1)).breachMayFallDue(atRisk, SEV_A_DUE_AT))
                .as("recorded already").isFalse();
    }

    @Test
    void the_warning_falls_due_from_the_at_risk_instant_until_the_deadline_once_per_deadline() {
        FirstResponseSla sla = open(SEV_A_MONDAY_1000);
        Instant atRisk = sla.decision().atRiskAt();
        assertThat(sla.atRiskFallsDue(atRisk, atRisk.minusNanos(1))).isFalse();
        assertThat(sla.atRiskFallsDue(atRisk, atRisk)).isTrue();
        assertThat(sla.atRiskFallsDue(atRisk, SEV_A_DUE_AT)).isTrue();
        assertThat(sla.atRiskFallsDue(atRisk, SEV_A_DUE_AT.plusNanos(1))).as("the breach says it all").isFalse();
        assertThat(sla.warned(atRisk).atRiskFallsDue(atRisk, atRisk)).as("warned once").isFalse();
        assertThat(sla.respond(atRisk.minusSeconds(1)).atRiskFallsDue(atRisk, atRisk)).isFalse();
    }

    @Test
    void a_new_decision_with_another_deadline_forgets_the_warning_of_the_old_one() {
        FirstResponseSla warned = open(SEV_A_MONDAY_1000).warned(SEV_A_DUE_AT.minusSeconds(300));
        assertThat(warned.withDecision(warned.decision()).warnedAt()).isNotNull();
        SlaDecision moved = new SlaDecision(warned.decision().program(), warned.decision().rule(), warned.decision().target(),
                warned.decision().clock(), warned.decision().clockStartedAt(), SEV_A_DUE_AT.plusSeconds(3600),
                warned.decision().atRiskAt().plusSeconds(3600), warned.decision().policyVersion(),
                warned.decision().contractVersion(), warned.decision().seniorIncidentManager(), warned.decision().explanation());
        assertThat(warned.withDecision(moved).warnedAt()).isNull();
    }

    @Test
    void a_downgrade_takes_the_recomputed_deadline_even_when_it_is_later() {
        RegradeOutcome outcome = regrade(SEV_A_MONDAY_1000, open(SEV_A_MONDAY_1000), C, false, jakarta("2026-11-16T10:30"));

        assertThat(outcome.effect()).isEqualTo(RegradeEffect.DOWNGRADE_RECOMPUTED);
        assertThat(Deadline.of(outcome.sla().decision()))
                .as("4 business hours from 10:30: 14:30 WIB")
                .isEqualTo(deadline(UNIFIED, "unified.sev-c.business-hours", hours(4), BUSINESS_HOURS, "2026-11-16T07:30:00Z"));
        assertThat(outcome.sla().decision().clockStartedAt()).isEqualTo("2026-11-16T03:30:00Z");
    }

    @Test
    void switching_24x7_on_for_sev_b_is_an_upgrade_that_takes_an_earlier_round_the_clock_deadline() {
        RegradeOutcome outcome = regrade(SEV_B_FRIDAY_1700, open(SEV_B_FRIDAY_1700), B, true, jakarta("2026-11-20T17:10"));

        assertThat(outcome.effect()).isEqualTo(RegradeEffect.UPGRADE_RECOMPUTED);
        assertThat(Deadline.of(outcome.sla().decision()))
                .as("Fri 19:10 WIB instead of Mon 10:30")
                .isEqualTo(deadline(UNIFIED, "unified.sev-b.round-the-clock", hours(2), ROUND_THE_CLOCK, "2026-11-20T12:10:00Z"));
    }

    @Test
    void switching_24x7_on_for_sev_b_is_an_upgrade_so_it_never_moves_the_deadline_later() {
        IncidentFacts sevB = incident(B, EXCHANGE_SERVER).submittedAt(jakarta("2026-11-16T09:00"));
        FirstResponseSla sla = open(sevB);
        assertThat(sla.dueAt()).isEqualTo("2026-11-16T04:00:00Z");

        RegradeOutcome outcome = regrade(sevB, sla, B, true, jakarta("2026-11-16T10:30"));

        assertThat(outcome.effect()).as("round the clock from 10:30 would be due 12:30, after 11:00")
                .isEqualTo(RegradeEffect.UPGRADE_KEPT_DEADLINE);
        assertThat(outcome.sla()).isEqualTo(sla);
    }

    @Test
    void switching_24x7_off_for_sev_b_is_a_downgrade_that_takes_the_later_business_hours_deadline() {
        RegradeOutcome outcome = regrade(SEV_B_24X7_FRIDAY_1700, open(SEV_B_24X7_FRIDAY_1700), B, false, jakarta("2026-11-20T17:10"));

        assertThat(outcome.effect()).isEqualTo(RegradeEffect.DOWNGRADE_RECOMPUTED);
        assertThat(Deadline.of(outcome.sla().decision()))
                .as("20 min on Friday, 100 min on Monday: Mon 10:40 WIB")
                .isEqualTo(deadline(UNIFIED, "unified.sev-b.business-hours", hours(2), BUSINESS_HOURS, "2026-11-23T03:40:00Z"));
    }

    @Test
    void toggling_24x7_on_a_sev_c_incident_does_not_change_urgency_and_recomputes_nothing() {
        FirstResponseSla sla = open(SEV_C_MONDAY_0900);
        RegradeOutcome outcome = regrade(SEV_C_MONDAY_0900, sla, C, true, jakarta("2026-11-16T09:10"));

        assertThat(outcome.effect()).isEqualTo(RegradeEffect.URGENCY_UNCHANGED);
        assertThat(outcome.sla()).isEqualTo(sla);
    }

    @Test
    void a_regrade_to_the_same_severity_recomputes_nothing() {
        FirstResponseSla sla = open(SEV_A_MONDAY_1000);
        RegradeOutcome outcome = regrade(SEV_A_MONDAY_1000, sla, A, true, jakarta("2026-11-16T10:30"));

        assertThat(outcome.effect()).isEqualTo(RegradeEffect.URGENCY_UNCHANGED);
        assertThat(outcome.sla()).isEqualTo(sla);
    }

    // ---- re-grades after the SLA stopped ----

    private static FirstResponseSla stoppedAs(FirstResponseStatus status, FirstResponseSla sla) {
        return switch (status) {
            case MET -> sla.respond(utc("2026-11-16T03:20:00Z"));
            case CANCELLED -> sla.close(utc("2026-11-16T03:20:00Z"));
            case BREACHED -> sla.respond(utc("2026-11-16T04:20:00Z"));
            case PENDING -> throw new IllegalArgumentException("not stopped");
        };
    }

    /** Five minutes after the SLA stopped: before the 11:00 WIB deadline when met or cancelled at 10:20. */
    @ParameterizedTest
    @EnumSource(names = {"MET", "CANCELLED", "BREACHED"})
    void a_regrade_after_the_sla_stopped_changes_nothing(FirstResponseStatus status) {
        FirstResponseSla stopped = stoppedAs(status, open(SEV_A_MONDAY_1000));
        assertThat(stopped.status()).isEqualTo(status);

        RegradeOutcome outcome = regrade(SEV_A_MONDAY_1000, stopped, SEV_1, false, stopped.stoppedAt().plusSeconds(300));

        assertThat(outcome.effect()).isEqualTo(RegradeEffect.SLA_ALREADY_STOPPED);
        assertThat(outcome.sla()).isEqualTo(stopped);
    }

    @Test
    void a_regrade_after_the_deadline_passed_without_a_response_finds_the_sla_breached() {
        FirstResponseSla sla = open(SEV_A_MONDAY_1000);
        RegradeOutcome outcome = regrade(SEV_A_MONDAY_1000, sla, SEV_1, false, SEV_A_DUE_AT.plusSeconds(1));

        assertThat(outcome.effect()).isEqualTo(RegradeEffect.SLA_ALREADY_STOPPED);
        assertThat(outcome.sla()).isEqualTo(new FirstResponseSla(sla.decision(), BREACHED, null, SEV_A_DUE_AT, null, null));
    }

    @Test
    void a_regrade_at_exactly_the_deadline_is_still_judged_before_the_breach() {
        RegradeOutcome outcome = regrade(SEV_A_MONDAY_1000, open(SEV_A_MONDAY_1000), SEV_1, false, SEV_A_DUE_AT);

        assertThat(outcome.effect()).as("Sev 1 Azure from 11:00 would be due 11:15").isEqualTo(RegradeEffect.UPGRADE_KEPT_DEADLINE);
        assertThat(outcome.sla().status()).isEqualTo(PENDING);
        assertThat(outcome.sla().dueAt()).isEqualTo(SEV_A_DUE_AT);
    }

    // ---- responses, closes and breaches ----

    @Test
    void a_response_at_exactly_the_deadline_is_met() {
        FirstResponseSla sla = open(SEV_A_MONDAY_1000).respond(SEV_A_DUE_AT);
        assertThat(sla.status()).isEqualTo(MET);
        assertThat(sla.respondedAt()).isEqualTo(SEV_A_DUE_AT);
        assertThat(sla.stoppedAt()).isEqualTo(SEV_A_DUE_AT);
    }

    @Test
    void a_response_one_second_after_the_deadline_is_a_breach() {
        FirstResponseSla sla = open(SEV_A_MONDAY_1000).respond(SEV_A_DUE_AT.plusSeconds(1));
        assertThat(sla.status()).isEqualTo(BREACHED);
        assertThat(sla.respondedAt()).isEqualTo("2026-11-16T04:00:01Z");
    }

    @Test
    void closing_before_the_deadline_without_a_response_cancels_the_sla_and_is_never_a_breach() {
        FirstResponseSla sla = open(SEV_A_MONDAY_1000).close(SEV_A_DUE_AT.minusSeconds(1));
        assertThat(sla.status()).isEqualTo(CANCELLED);
        assertThat(sla.stoppedAt()).isEqualTo("2026-11-16T03:59:59Z");
        assertThat(sla.statusAt(SEV_A_DUE_AT.plusSeconds(3600))).isEqualTo(CANCELLED);
    }

    @Test
    void closing_after_the_deadline_without_a_response_is_a_breach_stopped_at_the_deadline() {
        FirstResponseSla sla = open(SEV_A_MONDAY_1000).close(utc("2026-11-16T05:00:00Z"));
        assertThat(sla.status()).isEqualTo(BREACHED);
        assertThat(sla.respondedAt()).isNull();
        assertThat(sla.stoppedAt()).isEqualTo(SEV_A_DUE_AT);
    }

    @Test
    void the_deadline_passing_with_no_response_breaches_the_sla_once() {
        FirstResponseSla sla = open(SEV_A_MONDAY_1000);
        assertThat(sla.statusAt(SEV_A_DUE_AT)).isEqualTo(PENDING);
        assertThat(sla.statusAt(SEV_A_DUE_AT.plusSeconds(1))).isEqualTo(BREACHED);

        FirstResponseSla breached = sla.breach();
        assertThat(breached).isEqualTo(new FirstResponseSla(sla.decision(), BREACHED, null, SEV_A_DUE_AT, null, null));
        assertThat(breached.breach()).isSameAs(breached);
    }

    @Test
    void closing_after_a_breach_leaves_the_breach_standing() {
        FirstResponseSla breached = open(SEV_A_MONDAY_1000).breach();
        assertThat(breached.close(utc("2026-11-16T04:20:00Z"))).isEqualTo(breached);
    }

    // ---- at risk ----

    @Test
    void the_at_risk_warning_of_a_15_minute_target_fires_after_11_minutes_15_seconds() {
        assertThat(open(incident(SEV_1, AZURE_VM).submittedAt(jakarta("2026-11-16T10:00"))).decision().atRiskAt())
                .isEqualTo("2026-11-16T03:11:15Z");
    }

    @Test
    void the_at_risk_warning_of_a_business_hours_target_counts_business_time() {
        assertThat(open(SEV_B_FRIDAY_1700).decision().atRiskAt())
                .as("90 min of business time from Fri 17:00: 30 min Friday, 60 min Monday, Mon 10:00 WIB")
                .isEqualTo("2026-11-23T03:00:00Z");
    }

    @Test
    void a_recomputed_deadline_has_its_at_risk_instant_counted_from_the_regrade() {
        RegradeOutcome outcome = regrade(SEV_C_MONDAY_0900, open(SEV_C_MONDAY_0900), A, false, jakarta("2026-11-16T10:00"));
        assertThat(outcome.sla().decision().atRiskAt()).as("45 min after 10:00 WIB").isEqualTo("2026-11-16T03:45:00Z");
    }
}
