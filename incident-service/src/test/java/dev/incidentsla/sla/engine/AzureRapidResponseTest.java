package dev.incidentsla.sla.engine;

import dev.incidentsla.api.Channel;
import dev.incidentsla.api.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static dev.incidentsla.api.Channel.CLOUD_PORTAL;
import static dev.incidentsla.api.Severity.A;
import static dev.incidentsla.api.Severity.SEV_1;
import static dev.incidentsla.api.SlaClock.ROUND_THE_CLOCK;
import static dev.incidentsla.sla.engine.EngineFixture.AZURE_VM;
import static dev.incidentsla.sla.engine.EngineFixture.NOT_COVERED;
import static dev.incidentsla.sla.engine.EngineFixture.NO_TARGET;
import static dev.incidentsla.sla.engine.EngineFixture.RAPID_RESPONSE;
import static dev.incidentsla.sla.engine.EngineFixture.UNIFIED;
import static dev.incidentsla.sla.engine.EngineFixture.contract;
import static dev.incidentsla.sla.engine.EngineFixture.deadline;
import static dev.incidentsla.sla.engine.EngineFixture.deadlineOf;
import static dev.incidentsla.sla.engine.EngineFixture.decide;
import static dev.incidentsla.sla.engine.EngineFixture.held;
import static dev.incidentsla.sla.engine.EngineFixture.incident;
import static dev.incidentsla.sla.engine.EngineFixture.jakarta;
import static dev.incidentsla.sla.engine.EngineFixture.minutes;
import static dev.incidentsla.sla.engine.EngineFixture.target;
import static dev.incidentsla.sla.engine.EngineFixture.utc;
import static dev.incidentsla.sla.engine.EngineFixture.verdictOf;
import static org.assertj.core.api.Assertions.assertThat;

/** SLA-RULES 3.3: Azure Rapid Response, cloud portal only. */
class AzureRapidResponseTest {

    private static final ContractTerms WITH_RAPID_RESPONSE = contract(held(RAPID_RESPONSE));
    private static final Instant MONDAY_1000 = jakarta("2026-11-16T10:00"); // 03:00Z

    @Test
    void a_sev_1_azure_incident_submitted_through_the_cloud_portal_is_due_15_minutes_under_rapid_response() {
        assertThat(verdictOf(RAPID_RESPONSE, WITH_RAPID_RESPONSE, incident(SEV_1, AZURE_VM).via(CLOUD_PORTAL).submittedAt(MONDAY_1000)))
                .isEqualTo(target("rapid-response.sev-1-a", "2026-11-16T03:15:00Z"));
    }

    @Test
    void a_sev_a_azure_incident_submitted_through_the_cloud_portal_is_due_15_minutes_instead_of_60() {
        assertThat(deadlineOf(WITH_RAPID_RESPONSE, incident(A, AZURE_VM).via(CLOUD_PORTAL).submittedAt(MONDAY_1000)))
                .isEqualTo(deadline(RAPID_RESPONSE, "rapid-response.sev-1-a", minutes(15), ROUND_THE_CLOCK, "2026-11-16T03:15:00Z"));
    }

    @ParameterizedTest
    @EnumSource(names = {"PHONE", "WEB"})
    void rapid_response_does_not_cover_an_incident_submitted_by_phone_or_web(Channel channel) {
        var incident = incident(A, AZURE_VM).via(channel).submittedAt(MONDAY_1000);
        assertThat(verdictOf(RAPID_RESPONSE, WITH_RAPID_RESPONSE, incident)).isEqualTo(NOT_COVERED);
        assertThat(deadlineOf(WITH_RAPID_RESPONSE, incident))
                .isEqualTo(deadline(UNIFIED, "unified.sev-a", minutes(60), ROUND_THE_CLOCK, "2026-11-16T04:00:00Z"));
    }

    @ParameterizedTest
    @CsvSource({"B, 2026-11-16T05:00:00Z", "C, 2026-11-16T07:00:00Z"})
    void sev_b_and_sev_c_have_no_rapid_response_target_so_the_base_table_applies(Severity severity, String baseDueAt) {
        var incident = incident(severity, AZURE_VM).via(CLOUD_PORTAL).submittedAt(MONDAY_1000);
        assertThat(verdictOf(RAPID_RESPONSE, WITH_RAPID_RESPONSE, incident)).isEqualTo(NO_TARGET);
        var decision = decide(WITH_RAPID_RESPONSE, incident);
        assertThat(decision.program()).isEqualTo(UNIFIED);
        assertThat(decision.dueAt()).isEqualTo(utc(baseDueAt));
    }

    @ParameterizedTest
    @ValueSource(strings = {"azure-media-services", "azure-stack", "azure-storsimple", "github-ae", "universal-print",
            "azure-communication-services", "billing-subscription-management", "test-base-m365", "microsoft-mesh"})
    void a_product_rapid_response_does_not_cover_is_left_to_the_base_table(String product) {
        var incident = incident(A, product).via(CLOUD_PORTAL).submittedAt(MONDAY_1000);
        assertThat(verdictOf(RAPID_RESPONSE, WITH_RAPID_RESPONSE, incident)).isEqualTo(NOT_COVERED);
        assertThat(deadlineOf(WITH_RAPID_RESPONSE, incident))
                .isEqualTo(deadline(UNIFIED, "unified.sev-a", minutes(60), ROUND_THE_CLOCK, "2026-11-16T04:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"exchange-server", "microsoft-entra"})
    void a_product_outside_the_azure_family_is_not_covered_by_rapid_response(String product) {
        assertThat(verdictOf(RAPID_RESPONSE, WITH_RAPID_RESPONSE, incident(A, product).via(CLOUD_PORTAL).submittedAt(MONDAY_1000)))
                .isEqualTo(NOT_COVERED);
    }
}
