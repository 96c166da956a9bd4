package dev.incidentsla.sla.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static dev.incidentsla.api.Severity.A;
import static dev.incidentsla.api.Severity.B;
import static dev.incidentsla.api.Severity.C;
import static dev.incidentsla.api.Severity.SEV_1;
import static dev.incidentsla.api.SlaClock.BUSINESS_HOURS;
import static dev.incidentsla.api.SlaClock.ROUND_THE_CLOCK;
import static dev.incidentsla.sla.engine.EngineFixture.AZURE_VM;
import static dev.incidentsla.sla.engine.EngineFixture.EXCHANGE_SERVER;
import static dev.incidentsla.sla.engine.EngineFixture.UNIFIED;
import static dev.incidentsla.sla.engine.EngineFixture.contract;
import static dev.incidentsla.sla.engine.EngineFixture.deadline;
import static dev.incidentsla.sla.engine.EngineFixture.deadlineOf;
import static dev.incidentsla.sla.engine.EngineFixture.held;
import static dev.incidentsla.sla.engine.EngineFixture.hours;
import static dev.incidentsla.sla.engine.EngineFixture.incident;
import static dev.incidentsla.sla.engine.EngineFixture.jakarta;
import static dev.incidentsla.sla.engine.EngineFixture.minutes;
import static org.assertj.core.api.Assertions.assertThat;

/** SLA-RULES 3.1: the base Unified table, which every contract holds. Jakarta is UTC+7 all year. */
class UnifiedProgramTest {

    private static final ContractTerms UNIFIED_ONLY = contract();
    private static final Instant MONDAY_1000 = jakarta("2026-11-16T10:00"); // 03:00Z
    private static final Instant FRIDAY_1700 = jakarta("2026-11-20T17:00"); // 10:00Z

    @Test
    void a_sev_1_azure_incident_under_unified_is_due_15_minutes_after_submission() {
        assertThat(deadlineOf(UNIFIED_ONLY, incident(SEV_1, AZURE_VM).submittedAt(MONDAY_1000)))
                .isEqualTo(deadline(UNIFIED, "unified.sev-1.azure", minutes(15), ROUND_THE_CLOCK, "2026-11-16T03:15:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {EXCHANGE_SERVER, "microsoft-365", "microsoft-entra"})
    void a_sev_1_incident_on_every_other_product_is_due_60_minutes_after_submission(String product) {
        assertThat(deadlineOf(UNIFIED_ONLY, incident(SEV_1, product).submittedAt(MONDAY_1000)))
                .isEqualTo(deadline(UNIFIED, "unified.sev-1.other", minutes(60), ROUND_THE_CLOCK, "2026-11-16T04:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"azure-storsimple", "github-ae", "azure-communication-services", "billing-subscription-management"})
    void an_azure_product_on_the_unified_exclusion_list_is_due_60_minutes_at_sev_1(String product) {
        assertThat(deadlineOf(UNIFIED_ONLY, incident(SEV_1, product).submittedAt(MONDAY_1000)))
                .isEqualTo(deadline(UNIFIED, "unified.sev-1.other", minutes(60), ROUND_THE_CLOCK, "2026-11-16T04:00:00Z"));
    }

    @Test
    void azure_media_services_which_the_unified_list_omits_is_due_15_minutes_at_sev_1() {
        assertThat(deadlineOf(UNIFIED_ONLY, incident(SEV_1, "azure-media-services").submittedAt(MONDAY_1000)))
                .isEqualTo(deadline(UNIFIED, "unified.sev-1.azure", minutes(15), ROUND_THE_CLOCK, "2026-11-16T03:15:00Z"));
    }

    @Test
    void a_sev_a_incident_is_due_60_minutes_round_the_clock_even_on_a_saturday_night() {
        assertThat(deadlineOf(UNIFIED_ONLY, incident(A, AZURE_VM).submittedAt(jakarta("2026-11-21T23:30"))))
                .as("Sat 23:30 WIB + 60 min = Sun 00:30 WIB")
                .isEqualTo(deadline(UNIFIED, "unified.sev-a", minutes(60), ROUND_THE_CLOCK, "2026-11-21T17:30:00Z"));
    }

    @Test
    void a_sev_b_incident_submitted_friday_1700_is_due_after_2_business_hours_on_monday_1030() {
        assertThat(deadlineOf(UNIFIED_ONLY, incident(B, AZURE_VM).submittedAt(FRIDAY_1700)))
                .as("30 min on Friday, 90 min on Monday: Mon 10:30 WIB")
                .isEqualTo(deadline(UNIFIED, "unified.sev-b.business-hours", hours(2), BUSINESS_HOURS, "2026-11-23T03:30:00Z"));
    }

    @Test
    void a_sev_b_incident_whose_customer_chose_24x7_is_due_2_hours_round_the_clock() {
        assertThat(deadlineOf(UNIFIED_ONLY, incident(B, AZURE_VM).with24x7().submittedAt(FRIDAY_1700)))
                .as("Fri 19:00 WIB")
                .isEqualTo(deadline(UNIFIED, "unified.sev-b.round-the-clock", hours(2), ROUND_THE_CLOCK, "2026-11-20T12:00:00Z"));
    }

    @Test
    void a_sev_c_incident_is_due_after_4_business_hours() {
        assertThat(deadlineOf(UNIFIED_ONLY, incident(C, EXCHANGE_SERVER).submittedAt(jakarta("2026-11-18T15:00"))))
                .as("2h30m on Wednesday, 1h30m on Thursday: Thu 10:30 WIB")
                .isEqualTo(deadline(UNIFIED, "unified.sev-c.business-hours", hours(4), BUSINESS_HOURS, "2026-11-19T03:30:00Z"));
    }

    @Test
    void a_sev_c_incident_whose_customer_chose_24x7_stays_on_business_hours() {
        assertThat(deadlineOf(UNIFIED_ONLY, incident(C, EXCHANGE_SERVER).with24x7().submittedAt(FRIDAY_1700)))
                .as("30 min on Friday, 3h30m on Monday: Mon 12:30 WIB (SLA-RULES 7.13)")
                .isEqualTo(deadline(UNIFIED, "unified.sev-c.business-hours", hours(4), BUSINESS_HOURS, "2026-11-23T05:30:00Z"));
    }

    @Test
    void a_contract_that_lists_unified_explicitly_gets_the_same_deadline_as_one_that_does_not() {
        var incident = incident(A, EXCHANGE_SERVER).submittedAt(MONDAY_1000);
        assertThat(deadlineOf(contract(held(UNIFIED)), incident))
                .isEqualTo(deadlineOf(UNIFIED_ONLY, incident))
                .isEqualTo(deadline(UNIFIED, "unified.sev-a", minutes(60), ROUND_THE_CLOCK, "2026-11-16T04:00:00Z"));
    }
}
