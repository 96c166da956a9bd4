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
import static dev.incidentsla.sla.engine.EngineFixture.ENTRA;
import static dev.incidentsla.sla.engine.EngineFixture.NOT_COVERED;
import static dev.incidentsla.sla.engine.EngineFixture.NO_TARGET;
import static dev.incidentsla.sla.engine.EngineFixture.SECURITY_MCS;
import static dev.incidentsla.sla.engine.EngineFixture.UNIFIED;
import static dev.incidentsla.sla.engine.EngineFixture.contract;
import static dev.incidentsla.sla.engine.EngineFixture.deadline;
import static dev.incidentsla.sla.engine.EngineFixture.deadlineOf;
import static dev.incidentsla.sla.engine.EngineFixture.decide;
import static dev.incidentsla.sla.engine.EngineFixture.held;
import static dev.incidentsla.sla.engine.EngineFixture.incident;
import static dev.incidentsla.sla.engine.EngineFixture.jakarta;
import static dev.incidentsla.sla.engine.EngineFixture.minutes;
import static dev.incidentsla.sla.engine.EngineFixture.verdictOf;
import static org.assertj.core.api.Assertions.assertThat;

/** SLA-RULES 3.6: Security Cloud Mission Critical Services. */
class SecurityCloudMcsTest {

    private static final ContractTerms WITH_SECURITY_MCS = contract(held(SECURITY_MCS));
    private static final Instant MONDAY_1000 = jakarta("2026-11-16T10:00"); // 03:00Z

    @ParameterizedTest
    @ValueSource(strings = {"microsoft-entra", "microsoft-intune", "microsoft-purview", "microsoft-defender", "microsoft-sentinel"})
    void a_sev_1_incident_on_a_security_product_is_due_15_minutes_instead_of_60(String product) {
        assertThat(deadlineOf(WITH_SECURITY_MCS, incident(SEV_1, product).submittedAt(MONDAY_1000)))
                .isEqualTo(deadline(SECURITY_MCS, "security-mcs.sev-1-a", minutes(15), ROUND_THE_CLOCK, "2026-11-16T03:15:00Z"));
    }

    @Test
    void a_sev_a_incident_on_a_security_product_is_due_15_minutes() {
        assertThat(deadlineOf(WITH_SECURITY_MCS, incident(A, ENTRA).submittedAt(MONDAY_1000)))
                .isEqualTo(deadline(SECURITY_MCS, "security-mcs.sev-1-a", minutes(15), ROUND_THE_CLOCK, "2026-11-16T03:15:00Z"));
    }

    @ParameterizedTest
    @EnumSource(names = {"B", "C"})
    void sev_b_and_sev_c_have_no_security_mcs_target(Severity severity) {
        var incident = incident(severity, ENTRA).submittedAt(MONDAY_1000);
        assertThat(verdictOf(SECURITY_MCS, WITH_SECURITY_MCS, incident)).isEqualTo(NO_TARGET);
        assertThat(decide(WITH_SECURITY_MCS, incident).program()).isEqualTo(UNIFIED);
    }

    @ParameterizedTest
    @ValueSource(strings = {AZURE_VM, "exchange-server"})
    void a_product_outside_the_security_family_is_not_covered(String product) {
        var incident = incident(A, product).submittedAt(MONDAY_1000);
        assertThat(verdictOf(SECURITY_MCS, WITH_SECURITY_MCS, incident)).isEqualTo(NOT_COVERED);
        assertThat(deadlineOf(WITH_SECURITY_MCS, incident))
                .isEqualTo(deadline(UNIFIED, "unified.sev-a", minutes(60), ROUND_THE_CLOCK, "2026-11-16T04:00:00Z"));
    }

    @Test
    void without_the_program_a_sev_1_security_incident_gets_the_base_60_minutes() {
        assertThat(deadlineOf(contract(), incident(SEV_1, ENTRA).submittedAt(MONDAY_1000)))
                .isEqualTo(deadline(UNIFIED, "unified.sev-1.other", minutes(60), ROUND_THE_CLOCK, "2026-11-16T04:00:00Z"));
    }
}
