package dev.incidentsla.sla.engine;

import dev.incidentsla.api.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static dev.incidentsla.api.Severity.A;
import static dev.incidentsla.api.Severity.SEV_1;
import static dev.incidentsla.api.SlaClock.ROUND_THE_CLOCK;
import static dev.incidentsla.sla.engine.EngineFixture.AZURE_VM;
import static dev.incidentsla.sla.engine.EngineFixture.EXCHANGE_SERVER;
import static dev.incidentsla.sla.engine.EngineFixture.NOT_COVERED;
import static dev.incidentsla.sla.engine.EngineFixture.NO_TARGET;
import static dev.incidentsla.sla.engine.EngineFixture.PLATFORM_MCS;
import static dev.incidentsla.sla.engine.EngineFixture.UNIFIED;
import static dev.incidentsla.sla.engine.EngineFixture.contract;
import static dev.incidentsla.sla.engine.EngineFixture.deadline;
import static dev.incidentsla.sla.engine.EngineFixture.deadlineOf;
import static dev.incidentsla.sla.engine.EngineFixture.decide;
import static dev.incidentsla.sla.engine.EngineFixture.held;
import static dev.incidentsla.sla.engine.EngineFixture.heldFrom;
import static dev.incidentsla.sla.engine.EngineFixture.incident;
import static dev.incidentsla.sla.engine.EngineFixture.jakarta;
import static dev.incidentsla.sla.engine.EngineFixture.minutes;
import static dev.incidentsla.sla.engine.EngineFixture.target;
import static dev.incidentsla.sla.engine.EngineFixture.utc;
import static dev.incidentsla.sla.engine.EngineFixture.verdictOf;
import static org.assertj.core.api.Assertions.assertThat;

/** SLA-RULES 3.4, 7.7 and 7.8: Azure Platform Mission Critical Services, effective from a local date. */
class AzurePlatformMcsTest {

    /** Effective from Friday 2026-11-20 in Jakarta, i.e. from 2026-11-19T17:00:00Z. */
    private static final ContractTerms WITH_PLATFORM_MCS = contract(heldFrom(PLATFORM_MCS, "2026-11-20"));
    private static final Instant MONDAY_1000 = jakarta("2026-11-23T10:00"); // 03:00Z

    @Test
    void a_sev_1_azure_incident_is_due_15_minutes_under_platform_mcs() {
        assertThat(verdictOf(PLATFORM_MCS, WITH_PLATFORM_MCS, incident(SEV_1, AZURE_VM).submittedAt(MONDAY_1000)))
                .isEqualTo(target("platform-mcs.sev-1-a", "2026-11-23T03:15:00Z"));
    }

    @Test
    void a_sev_a_azure_incident_is_due_15_minutes_under_platform_mcs_instead_of_60() {
        assertThat(deadlineOf(WITH_PLATFORM_MCS, incident(A, AZURE_VM).submittedAt(MONDAY_1000)))
                .isEqualTo(deadline(PLATFORM_MCS, "platform-mcs.sev-1-a", minutes(15), ROUND_THE_CLOCK, "2026-11-23T03:15:00Z"));
    }

    @Test
    void platform_mcs_covers_from_midnight_of_its_effective_from_date_in_the_support_locations_time_zone() {
        assertThat(deadlineOf(WITH_PLATFORM_MCS, incident(A, AZURE_VM).submittedAt(utc("2026-11-19T17:00:00Z"))))
                .as("Fri 2026-11-20 00:00 WIB, still the 19th in UTC")
                .isEqualTo(deadline(PLATFORM_MCS, "platform-mcs.sev-1-a", minutes(15), ROUND_THE_CLOCK, "2026-11-19T17:15:00Z"));
    }

    @Test
    void platform_mcs_does_not_cover_an_incident_submitted_one_second_before_that_local_midnight() {
        var incident = incident(A, AZURE_VM).submittedAt(utc("2026-11-19T16:59:59Z"));
        assertThat(verdictOf(PLATFORM_MCS, WITH_PLATFORM_MCS, incident)).isEqualTo(NOT_COVERED);
        assertThat(deadlineOf(WITH_PLATFORM_MCS, incident))
                .isEqualTo(deadline(UNIFIED, "unified.sev-a", minutes(60), ROUND_THE_CLOCK, "2026-11-19T17:59:59Z"));
    }

    @Test
    void the_60_day_onboarding_period_does_not_suspend_the_15_minute_target() {
        assertThat(deadlineOf(WITH_PLATFORM_MCS, incident(A, AZURE_VM).submittedAt(jakarta("2026-12-10T10:00"))))
                .as("20 days into onboarding")
                .isEqualTo(deadline(PLATFORM_MCS, "platform-mcs.sev-1-a", minutes(15), ROUND_THE_CLOCK, "2026-12-10T03:15:00Z"));
    }

    @Test
    void an_entitlement_without_an_effective_from_date_covers_from_the_start_of_the_contract() {
        assertThat(deadlineOf(contract(held(PLATFORM_MCS)), incident(A, AZURE_VM).submittedAt(jakarta("2020-01-06T10:00"))))
                .isEqualTo(deadline(PLATFORM_MCS, "platform-mcs.sev-1-a", minutes(15), ROUND_THE_CLOCK, "2020-01-06T03:15:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"azure-us-government", "azure-china", "azure-media-services", "azure-stack",
            "billing-subscription-management", "azure-maps", "azure-storsimple", "github-ae", "universal-print",
            "test-base-m365", "microsoft-mesh"})
    void an_out_of_scope_product_is_left_to_the_base_table(String product) {
        var incident = incident(A, product).submittedAt(MONDAY_1000);
        assertThat(verdictOf(PLATFORM_MCS, WITH_PLATFORM_MCS, incident)).isEqualTo(NOT_COVERED);
        assertThat(deadlineOf(WITH_PLATFORM_MCS, incident))
                .isEqualTo(deadline(UNIFIED, "unified.sev-a", minutes(60), ROUND_THE_CLOCK, "2026-11-23T04:00:00Z"));
    }

    @Test
    void a_product_outside_the_azure_family_is_not_covered_by_platform_mcs() {
        assertThat(verdictOf(PLATFORM_MCS, WITH_PLATFORM_MCS, incident(A, EXCHANGE_SERVER).submittedAt(MONDAY_1000)))
                .isEqualTo(NOT_COVERED);
    }

    @ParameterizedTest
    @EnumSource(names = {"B", "C"})
    void sev_b_and_sev_c_have_no_platform_mcs_target(Severity severity) {
        var incident = incident(severity, AZURE_VM).submittedAt(MONDAY_1000);
        assertThat(verdictOf(PLATFORM_MCS, WITH_PLATFORM_MCS, incident)).isEqualTo(NO_TARGET);
        assertThat(decide(WITH_PLATFORM_MCS, incident).program()).isEqualTo(UNIFIED);
    }

    @Test
    void a_senior_incident_manager_is_recorded_on_sev_1() {
        assertThat(decide(WITH_PLATFORM_MCS, incident(SEV_1, AZURE_VM).submittedAt(MONDAY_1000)).seniorIncidentManager()).isTrue();
    }

    @Test
    void no_senior_incident_manager_is_recorded_on_sev_a() {
        assertThat(decide(WITH_PLATFORM_MCS, incident(A, AZURE_VM).submittedAt(MONDAY_1000)).seniorIncidentManager()).isFalse();
    }

    @Test
    void no_senior_incident_manager_is_recorded_when_platform_mcs_does_not_cover_the_sev_1_incident() {
        assertThat(decide(WITH_PLATFORM_MCS, incident(SEV_1, "azure-stack").submittedAt(MONDAY_1000)).seniorIncidentManager())
                .as("out of scope").isFalse();
        assertThat(decide(WITH_PLATFORM_MCS, incident(SEV_1, AZURE_VM).submittedAt(jakarta("2026-11-19T23:59"))).seniorIncidentManager())
                .as("before effectiveFrom").isFalse();
    }
}
