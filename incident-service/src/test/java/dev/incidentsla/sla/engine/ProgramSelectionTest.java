package dev.incidentsla.sla.engine;

import dev.incidentsla.api.RegradeEffect;
import dev.incidentsla.api.SlaDecision;
import dev.incidentsla.sla.engine.EngineFixture.Deadline;
import dev.incidentsla.sla.engine.EngineFixture.Verdict;
import dev.incidentsla.sla.policy.UnknownProductException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.incidentsla.api.Channel.CLOUD_PORTAL;
import static dev.incidentsla.api.Severity.A;
import static dev.incidentsla.api.Severity.B;
import static dev.incidentsla.api.Severity.C;
import static dev.incidentsla.api.Severity.SEV_1;
import static dev.incidentsla.api.SlaClock.ROUND_THE_CLOCK;
import static dev.incidentsla.sla.engine.EngineFixture.AZURE_VM;
import static dev.incidentsla.sla.engine.EngineFixture.ENGINE;
import static dev.incidentsla.sla.engine.EngineFixture.EVENT_MCS;
import static dev.incidentsla.sla.engine.EngineFixture.EXCHANGE_SERVER;
import static dev.incidentsla.sla.engine.EngineFixture.JAKARTA;
import static dev.incidentsla.sla.engine.EngineFixture.NOT_COVERED;
import static dev.incidentsla.sla.engine.EngineFixture.PLATFORM_MCS;
import static dev.incidentsla.sla.engine.EngineFixture.POLICY;
import static dev.incidentsla.sla.engine.EngineFixture.RAPID_RESPONSE;
import static dev.incidentsla.sla.engine.EngineFixture.UER;
import static dev.incidentsla.sla.engine.EngineFixture.UNIFIED;
import static dev.incidentsla.sla.engine.EngineFixture.contract;
import static dev.incidentsla.sla.engine.EngineFixture.contractVersion;
import static dev.incidentsla.sla.engine.EngineFixture.deadline;
import static dev.incidentsla.sla.engine.EngineFixture.decide;
import static dev.incidentsla.sla.engine.EngineFixture.event;
import static dev.incidentsla.sla.engine.EngineFixture.eventMcs;
import static dev.incidentsla.sla.engine.EngineFixture.evaluationOf;
import static dev.incidentsla.sla.engine.EngineFixture.held;
import static dev.incidentsla.sla.engine.EngineFixture.heldFrom;
import static dev.incidentsla.sla.engine.EngineFixture.incident;
import static dev.incidentsla.sla.engine.EngineFixture.jakarta;
import static dev.incidentsla.sla.engine.EngineFixture.minutes;
import static dev.incidentsla.sla.engine.EngineFixture.open;
import static dev.incidentsla.sla.engine.EngineFixture.opened;
import static dev.incidentsla.sla.engine.EngineFixture.target;
import static dev.incidentsla.sla.engine.EngineFixture.utc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SLA-RULES section 4 and 7.1, 7.2, 7.11: which program's deadline applies, and what the decision records. */
class ProgramSelectionTest {

    private static final Instant MONDAY_1000 = jakarta("2026-11-16T10:00"); // 03:00Z

    @Test
    void the_earliest_deadline_among_the_covering_programs_wins() {
        var selection = open(contract(held(UER), held(RAPID_RESPONSE)), incident(A, AZURE_VM).via(CLOUD_PORTAL).submittedAt(MONDAY_1000));
        assertThat(selection.evaluations()).extracting(ProgramEvaluation::program).containsExactly(UNIFIED, UER, RAPID_RESPONSE);
        assertThat(Verdict.of(evaluationOf(selection, UNIFIED))).isEqualTo(target("unified.sev-a", "2026-11-16T04:00:00Z"));
        assertThat(Verdict.of(evaluationOf(selection, UER))).isEqualTo(target("uer.sev-a", "2026-11-16T03:30:00Z"));
        assertThat(selection.decision().program()).isEqualTo(RAPID_RESPONSE);
        assertThat(selection.decision().dueAt()).isEqualTo("2026-11-16T03:15:00Z");
    }

    @Test
    void equal_deadlines_report_unified_first() {
        var contract = contract(held(UER), held(RAPID_RESPONSE), held(PLATFORM_MCS));
        assertThat(Deadline.of(decide(contract, incident(SEV_1, AZURE_VM).via(CLOUD_PORTAL).submittedAt(MONDAY_1000))))
                .isEqualTo(deadline(UNIFIED, "unified.sev-1.azure", minutes(15), ROUND_THE_CLOCK, "2026-11-16T03:15:00Z"));
    }

    @Test
    void equal_deadlines_between_add_ons_report_the_first_in_policy_order_whatever_the_contract_lists_first() {
        var contract = contract(held(PLATFORM_MCS), held(RAPID_RESPONSE));
        assertThat(Deadline.of(decide(contract, incident(A, AZURE_VM).via(CLOUD_PORTAL).submittedAt(MONDAY_1000))))
                .isEqualTo(deadline(RAPID_RESPONSE, "rapid-response.sev-1-a", minutes(15), ROUND_THE_CLOCK, "2026-11-16T03:15:00Z"));
    }

    @Test
    void the_decision_records_program_rule_target_clock_start_deadline_policy_version_and_contract_version() {
        SlaDecision decision = decide(contractVersion(3, JAKARTA, held(UER)), incident(A, EXCHANGE_SERVER).submittedAt(MONDAY_1000));
        assertThat(decision).usingRecursiveComparison().ignoringFields("explanation").isEqualTo(new SlaDecision(
                UER, "uer.sev-a", minutes(30), ROUND_THE_CLOCK, utc("2026-11-16T03:00:00Z"), utc("2026-11-16T03:30:00Z"),
                utc("2026-11-16T03:22:30Z"), POLICY.policyVersion(), 3, true, null));
        assertThat(decision.policyVersion()).isNotBlank();
        assertThat(decision.explanation()).contains("Policy " + POLICY.policyVersion(), "contract contoso version 3");
    }

    @Test
    void the_explanation_of_a_round_the_clock_deadline_gives_start_and_deadline_in_local_time() {
        assertThat(decide(contract(), incident(SEV_1, AZURE_VM).submittedAt(MONDAY_1000)).explanation())
                .contains("UNIFIED rule unified.sev-1.azure", "from Mon 2026-11-16 10:00 +07:00", "due Mon 2026-11-16 10:15 +07:00");
    }

    @Test
    void the_explanation_of_a_business_hours_deadline_names_the_walk_in_local_time_and_the_other_programs() {
        var incident = incident(B, AZURE_VM).submittedAt(jakarta("2026-11-20T17:00"));
        assertThat(decide(contract(held(UER), held(RAPID_RESPONSE)), incident).explanation()).contains(
                "UNIFIED rule unified.sev-b.business-hours",
                "Asia/Jakarta",
                "counted 30m on Fri 2026-11-20 17:00-17:30",
                "skipped Sat 2026-11-21 (weekend)",
                "skipped Sun 2026-11-22 (weekend)",
                "counted 1h30m on Mon 2026-11-23 09:00-10:30",
                "due Mon 2026-11-23 10:30 +07:00",
                "UER gives no target",
                "AZURE_RAPID_RESPONSE gives no target: channel PHONE");
    }

    @Test
    void the_explanation_names_the_public_holidays_the_walk_skipped() {
        var incident = incident(B, AZURE_VM).submittedAt(jakarta("2026-12-23T17:00"));
        assertThat(decide(contract(), incident).explanation()).contains(
                "skipped Thu 2026-12-24 (public holiday: Cuti Bersama Kelahiran Yesus Kristus",
                "skipped Fri 2026-12-25 (public holiday: Kelahiran Yesus Kristus",
                "due Mon 2026-12-28 10:30 +07:00");
    }

    @Test
    void an_unknown_product_is_rejected() {
        assertThatThrownBy(() -> open(contract(), incident(A, "azure-quantum-toaster").submittedAt(MONDAY_1000)))
                .isInstanceOf(UnknownProductException.class)
                .hasMessageContaining("azure-quantum-toaster");
    }

    // ---- 7.11: coverage is judged at submission ----

    /** Platform MCS effective from Sat 2026-11-21 in Jakarta. */
    private static final ContractTerms PLATFORM_FROM_SATURDAY = contract(heldFrom(PLATFORM_MCS, "2026-11-21"));

    @Test
    void a_program_not_yet_effective_at_submission_does_not_cover_even_when_the_clock_starts_after_it_became_effective() {
        var submittedFriday = incident(A, AZURE_VM).submittedAt(jakarta("2026-11-20T10:00"));
        var decision = ENGINE.select(PLATFORM_FROM_SATURDAY, submittedFriday, jakarta("2026-11-23T10:00")).decision();
        assertThat(Deadline.of(decision))
                .isEqualTo(deadline(UNIFIED, "unified.sev-a", minutes(60), ROUND_THE_CLOCK, "2026-11-23T04:00:00Z"));
        assertThat(decision.clockStartedAt()).isEqualTo("2026-11-23T03:00:00Z");
    }

    @Test
    void an_event_window_that_covered_the_submission_still_covers_when_the_clock_starts_after_the_window() {
        var contract = contract(eventMcs(event("year-end-sale", "2026-12-01", "2026-12-05", "2026-10-01", false)));
        var submittedOnTheLastEvening = incident(A, AZURE_VM).naming("year-end-sale").submittedAt(jakarta("2026-12-05T23:50"));
        assertThat(Deadline.of(ENGINE.select(contract, submittedOnTheLastEvening, jakarta("2026-12-06T10:00")).decision()))
                .isEqualTo(deadline(EVENT_MCS, "event-mcs.sev-1-a", minutes(15), ROUND_THE_CLOCK, "2026-12-06T03:15:00Z"));
    }

    @Test
    void a_regrade_recomputes_with_the_programs_that_covered_the_incident_at_submission() {
        var submittedFriday = incident(C, AZURE_VM).submittedAt(jakarta("2026-11-20T16:00"));
        var sla = opened(PLATFORM_FROM_SATURDAY, submittedFriday);
        assertThat(sla.dueAt()).as("1h30m Friday, 2h30m Monday: Mon 11:30 WIB").isEqualTo("2026-11-23T04:30:00Z");

        var outcome = ENGINE.regrade(PLATFORM_FROM_SATURDAY, submittedFriday, sla, A, false, jakarta("2026-11-23T10:00"));

        assertThat(outcome.effect()).isEqualTo(RegradeEffect.UPGRADE_RECOMPUTED);
        assertThat(Deadline.of(outcome.sla().decision()))
                .isEqualTo(deadline(UNIFIED, "unified.sev-a", minutes(60), ROUND_THE_CLOCK, "2026-11-23T04:00:00Z"));
        assertThat(Verdict.of(evaluationOf(ENGINE.select(PLATFORM_FROM_SATURDAY, submittedFriday.regradedTo(A, false),
                jakarta("2026-11-23T10:00")), PLATFORM_MCS))).isEqualTo(NOT_COVERED);
    }

    // ---- 7.1: contract versions ----

    private static final ContractHistory HISTORY = new ContractHistory(List.of(
            new ContractHistory.Version(utc("2026-11-01T00:00:00Z"), contractVersion(1, JAKARTA)),
            new ContractHistory.Version(utc("2026-11-15T00:00:00Z"), contractVersion(2, JAKARTA, held(UER)))));

    private static SlaDecision decideUnderHistory(Instant submittedAt) {
        var incident = incident(A, EXCHANGE_SERVER).submittedAt(submittedAt);
        return decide(HISTORY.inForceAt(incident.submittedAt()), incident);
    }

    @Test
    void an_amendment_applies_to_an_incident_submitted_at_the_instant_it_was_registered() {
        var decision = decideUnderHistory(utc("2026-11-15T00:00:00Z"));
        assertThat(decision.contractVersion()).isEqualTo(2);
        assertThat(Deadline.of(decision)).isEqualTo(deadline(UER, "uer.sev-a", minutes(30), ROUND_THE_CLOCK, "2026-11-15T00:30:00Z"));
    }

    @Test
    void an_incident_submitted_just_before_an_amendment_uses_the_version_then_in_force() {
        var decision = decideUnderHistory(utc("2026-11-14T23:59:59Z"));
        assertThat(decision.contractVersion()).isEqualTo(1);
        assertThat(Deadline.of(decision)).isEqualTo(deadline(UNIFIED, "unified.sev-a", minutes(60), ROUND_THE_CLOCK, "2026-11-15T00:59:59Z"));
    }

    @Test
    void an_incident_submitted_before_the_first_version_uses_the_first_version() {
        assertThat(HISTORY.inForceAt(utc("2026-10-01T00:00:00Z")).version()).isEqualTo(1);
        assertThat(decideUnderHistory(utc("2026-10-01T00:00:00Z")).contractVersion()).isEqualTo(1);
    }
}
