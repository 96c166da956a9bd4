package dev.incidentsla.sla.engine;

import dev.incidentsla.api.Channel;
import dev.incidentsla.api.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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
import static dev.incidentsla.sla.engine.EngineFixture.NO_TARGET;
import static dev.incidentsla.sla.engine.EngineFixture.UER;
import static dev.incidentsla.sla.engine.EngineFixture.UNIFIED;
import static dev.incidentsla.sla.engine.EngineFixture.contract;
import static dev.incidentsla.sla.engine.EngineFixture.deadline;
import static dev.incidentsla.sla.engine.EngineFixture.deadlineOf;
import static dev.incidentsla.sla.engine.EngineFixture.decide;
import static dev.incidentsla.sla.engine.EngineFixture.held;
import static dev.incidentsla.sla.engine.EngineFixture.hours;
import static dev.incidentsla.sla.engine.EngineFixture.incident;
import static dev.incidentsla.sla.engine.EngineFixture.jakarta;
import static dev.incidentsla.sla.engine.EngineFixture.minutes;
import static dev.incidentsla.sla.engine.EngineFixture.target;
import static dev.incidentsla.sla.engine.EngineFixture.verdictOf;
import static org.assertj.core.api.Assertions.assertThat;

/** SLA-RULES 3.2 and 7.10: Unified Enhanced Response. */
class UerProgramTest {

    private static final ContractTerms WITH_UER = contract(held(UER));
    private static final Instant MONDAY_1000 = jakarta("2026-11-16T10:00"); // 03:00Z

    @Test
    void a_sev_1_azure_incident_under_uer_is_due_15_minutes_after_submission() {
        var incident = incident(SEV_1, AZURE_VM).submittedAt(MONDAY_1000);
        assertThat(verdictOf(UER, WITH_UER, incident)).isEqualTo(target("uer.sev-1.azure", "2026-11-16T03:15:00Z"));
        assertThat(decide(WITH_UER, incident).dueAt()).isEqualTo("2026-11-16T03:15:00Z");
    }

    @Test
    void a_sev_1_incident_on_every_other_product_under_uer_is_due_30_minutes_after_submission() {
        assertThat(deadlineOf(WITH_UER, incident(SEV_1, EXCHANGE_SERVER).submittedAt(MONDAY_1000)))
                .isEqualTo(deadline(UER, "uer.sev-1.other", minutes(30), ROUND_THE_CLOCK, "2026-11-16T03:30:00Z"));
    }

    @Test
    void a_sev_a_incident_under_uer_is_due_30_minutes_after_submission() {
        assertThat(deadlineOf(WITH_UER, incident(A, AZURE_VM).submittedAt(MONDAY_1000)))
                .isEqualTo(deadline(UER, "uer.sev-a", minutes(30), ROUND_THE_CLOCK, "2026-11-16T03:30:00Z"));
    }

    @Test
    void a_sev_b_incident_has_no_uer_target_so_the_base_business_hours_target_applies() {
        var incident = incident(B, AZURE_VM).submittedAt(MONDAY_1000);
        assertThat(verdictOf(UER, WITH_UER, incident)).isEqualTo(NO_TARGET);
        assertThat(deadlineOf(WITH_UER, incident))
                .isEqualTo(deadline(UNIFIED, "unified.sev-b.business-hours", hours(2), BUSINESS_HOURS, "2026-11-16T05:00:00Z"));
    }

    @Test
    void a_sev_c_incident_has_no_uer_target_so_the_base_business_hours_target_applies() {
        var incident = incident(C, AZURE_VM).submittedAt(MONDAY_1000);
        assertThat(verdictOf(UER, WITH_UER, incident)).isEqualTo(NO_TARGET);
        assertThat(deadlineOf(WITH_UER, incident))
                .isEqualTo(deadline(UNIFIED, "unified.sev-c.business-hours", hours(4), BUSINESS_HOURS, "2026-11-16T07:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"azure-us-government", "azure-storsimple", "github-ae", "a40", "azure-media-services",
            "azure-stack", "test-base-m365", "microsoft-mesh", "universal-print"})
    void an_azure_product_on_the_uer_exclusion_list_gets_30_minutes_from_uer_at_sev_1(String product) {
        assertThat(verdictOf(UER, WITH_UER, incident(SEV_1, product).submittedAt(MONDAY_1000)))
                .isEqualTo(target("uer.sev-1.other", "2026-11-16T03:30:00Z"));
    }

    @Test
    void azure_communication_services_which_the_uer_list_omits_is_due_15_minutes_under_uer_though_unified_gives_it_60() {
        assertThat(deadlineOf(WITH_UER, incident(SEV_1, "azure-communication-services").submittedAt(MONDAY_1000)))
                .isEqualTo(deadline(UER, "uer.sev-1.azure", minutes(15), ROUND_THE_CLOCK, "2026-11-16T03:15:00Z"));
    }

    @ParameterizedTest
    @EnumSource(names = {"SEV_1", "A"})
    void a_senior_incident_manager_is_recorded_for_sev_1_and_sev_a_under_uer(Severity severity) {
        assertThat(decide(WITH_UER, incident(severity, AZURE_VM).submittedAt(MONDAY_1000)).seniorIncidentManager()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(names = {"B", "C"})
    void no_senior_incident_manager_is_recorded_for_sev_b_and_sev_c_under_uer(Severity severity) {
        assertThat(decide(WITH_UER, incident(severity, AZURE_VM).submittedAt(MONDAY_1000)).seniorIncidentManager()).isFalse();
    }

    @Test
    void without_uer_no_senior_incident_manager_is_recorded_at_sev_1() {
        assertThat(decide(contract(), incident(SEV_1, AZURE_VM).submittedAt(MONDAY_1000)).seniorIncidentManager()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void uer_targets_apply_whatever_the_channel(Channel channel) {
        assertThat(deadlineOf(WITH_UER, incident(A, EXCHANGE_SERVER).via(channel).submittedAt(MONDAY_1000)))
                .isEqualTo(deadline(UER, "uer.sev-a", minutes(30), ROUND_THE_CLOCK, "2026-11-16T03:30:00Z"));
    }
}
