package dev.incidentsla.sla.engine;

import dev.incidentsla.api.SlaClock;
import dev.incidentsla.api.SlaTimer;
import dev.incidentsla.api.TimerParty;
import dev.incidentsla.api.TimerStatus;
import dev.incidentsla.sla.policy.TimerRule;
import dev.incidentsla.sla.policy.TimerStart;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static dev.incidentsla.api.Severity.B;
import static dev.incidentsla.api.Severity.C;
import static dev.incidentsla.sla.engine.EngineFixture.AZURE_VM;
import static dev.incidentsla.sla.engine.EngineFixture.ENGINE;
import static dev.incidentsla.sla.engine.EngineFixture.PLATFORM_MCS;
import static dev.incidentsla.sla.engine.EngineFixture.contract;
import static dev.incidentsla.sla.engine.EngineFixture.contractIn;
import static dev.incidentsla.sla.engine.EngineFixture.dates;
import static dev.incidentsla.sla.engine.EngineFixture.held;
import static dev.incidentsla.sla.engine.EngineFixture.heldFrom;
import static dev.incidentsla.sla.engine.EngineFixture.incident;
import static dev.incidentsla.sla.engine.EngineFixture.jakarta;
import static dev.incidentsla.sla.engine.EngineFixture.jakartaWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SLA-RULES 9 and 3.4: a root-cause analysis of a Platform MCS incident, due at the closing time of the 10th working day
 * after the later of its request and the mitigation. Jakarta: Monday to Friday 09:00-17:30, UTC+7.
 */
class RootCauseAnalysisTimerTest {

    private static final TimerEngine TIMERS = new TimerEngine(ENGINE);
    private static final ContractTerms WITH_PLATFORM_MCS = contract(heldFrom(PLATFORM_MCS, "2026-01-01"));
    private static final IncidentFacts SEV_B = incident(B, AZURE_VM).submittedAt(jakarta("2026-11-20T10:00"));
    private static final Instant MONDAY_1000 = jakarta("2026-11-23T10:00");
    /** Tue 24 to Fri 27 November, Mon 30 November to Fri 4 December, Mon 7 December: the 10th working day. */
    private static final Instant TENTH_WORKING_DAY_CLOSING = jakarta("2026-12-07T17:30");

    private static TimerSla requested(Instant requestedAt, Instant mitigatedAt, Instant closedAt) {
        return TIMERS.requestRca(WITH_PLATFORM_MCS, SEV_B, IncidentTimers.NONE, requestedAt, mitigatedAt, closedAt);
    }

    @Test
    void requested_after_the_mitigation_it_is_due_at_the_closing_time_of_the_10th_working_day_after_the_request() {
        TimerSla rca = requested(MONDAY_1000, jakarta("2026-11-21T08:00"), null);
        assertThat(rca.timer()).isEqualTo(SlaTimer.ROOT_CAUSE_ANALYSIS);
        assertThat(rca.party()).isEqualTo(TimerParty.MICROSOFT);
        assertThat(rca.id().value()).isEqualTo("root-cause-analysis-1");
        assertThat(rca.startedAt()).as("the later of request and mitigation").isEqualTo(MONDAY_1000);
        assertThat(rca.dueAt()).isEqualTo(TENTH_WORKING_DAY_CLOSING);
        assertThat(rca.atRiskAt()).as("closing time of the 8th working day").isEqualTo(jakarta("2026-12-03T17:30"));
        assertThat(rca.program()).as("the program whose coverage makes it apply").isEqualTo(PLATFORM_MCS);
        assertThat(rca.target()).isEqualTo("P10D");
        assertThat(rca.clock()).isEqualTo(SlaClock.BUSINESS_HOURS);
        assertThat(rca.explanation()).contains("10th working day", "2026-11-28 weekend", "2026-12-06 weekend");
    }

    @Test
    void the_start_day_does_not_count_whatever_the_hour() {
        assertThat(requested(jakarta("2026-11-23T07:00"), jakarta("2026-11-21T08:00"), null).dueAt())
                .as("before opening on Monday").isEqualTo(TENTH_WORKING_DAY_CLOSING);
        assertThat(requested(jakarta("2026-11-23T23:00"), jakarta("2026-11-21T08:00"), null).dueAt())
                .as("after closing on Monday").isEqualTo(TENTH_WORKING_DAY_CLOSING);
        assertThat(requested(jakarta("2026-11-22T12:00"), jakarta("2026-11-21T08:00"), null).dueAt())
                .as("started on Sunday: Monday is the first working day").isEqualTo(jakarta("2026-12-04T17:30"));
    }

    @Test
    void holidays_do_not_count_as_working_days() {
        ContractTerms withHoliday = contractIn(jakartaWith(dates("2026-11-26"), List.of(), List.of()),
                heldFrom(PLATFORM_MCS, "2026-01-01"));
        TimerSla rca = TIMERS.requestRca(withHoliday, SEV_B, IncidentTimers.NONE, MONDAY_1000, MONDAY_1000, null);
        assertThat(rca.dueAt()).isEqualTo(jakarta("2026-12-08T17:30"));
        assertThat(rca.explanation()).contains("2026-11-26");
    }

    @Test
    void requested_before_the_mitigation_it_is_pending_with_no_deadline_until_the_mitigation_starts_its_clock() {
        TimerSla rca = requested(MONDAY_1000, null, null);
        assertThat(rca.status()).isEqualTo(TimerStatus.PENDING);
        assertThat(rca.startedAt()).isNull();
        assertThat(rca.dueAt()).isNull();
        assertThat(rca.statusAt(jakarta("2027-06-01T00:00"))).as("no deadline, no breach").isEqualTo(TimerStatus.PENDING);

        TimerSla started = TIMERS.mitigated(WITH_PLATFORM_MCS, SEV_B, rca, jakarta("2026-11-24T15:00"));
        assertThat(started.startedAt()).isEqualTo(jakarta("2026-11-24T15:00"));
        assertThat(started.dueAt()).as("10th working day after Tuesday").isEqualTo(jakarta("2026-12-08T17:30"));
        assertThat(started.id()).isEqualTo(rca.id());
    }

    @Test
    void delivered_at_the_deadline_is_met_and_later_breached() {
        TimerSla rca = requested(MONDAY_1000, MONDAY_1000, null);
        assertThat(rca.stop(TENTH_WORKING_DAY_CLOSING).status()).isEqualTo(TimerStatus.MET);
        assertThat(rca.stop(TENTH_WORKING_DAY_CLOSING.plusSeconds(1)).status()).isEqualTo(TimerStatus.BREACHED);
    }

    @Test
    void a_request_on_the_7th_calendar_day_after_the_closure_is_in_time_and_one_on_the_8th_is_refused() {
        Instant closedAt = jakarta("2026-11-23T16:00");
        assertThat(requested(jakarta("2026-11-30T23:59"), MONDAY_1000, closedAt).dueAt()).isNotNull();
        assertThatThrownBy(() -> requested(jakarta("2026-12-01T00:00"), MONDAY_1000, closedAt))
                .isInstanceOf(TimerRuleException.class)
                .hasMessageContaining("no later than 7 calendar days after the closure");
    }

    @Test
    void an_incident_platform_mcs_does_not_cover_at_submission_takes_no_rca() {
        assertThatThrownBy(() -> TIMERS.requestRca(contract(held("UER")), SEV_B, IncidentTimers.NONE, MONDAY_1000,
                MONDAY_1000, null)).isInstanceOf(TimerRuleException.class).hasMessageContaining("AZURE_PLATFORM_MCS");
        assertThatThrownBy(() -> TIMERS.requestRca(WITH_PLATFORM_MCS, incident(B, "azure-maps")
                .submittedAt(jakarta("2026-11-20T10:00")), IncidentTimers.NONE, MONDAY_1000, MONDAY_1000, null))
                .as("out of Platform MCS scope").isInstanceOf(TimerRuleException.class);
        assertThatThrownBy(() -> TIMERS.requestRca(contract(heldFrom(PLATFORM_MCS, "2026-12-01")), SEV_B,
                IncidentTimers.NONE, MONDAY_1000, MONDAY_1000, null))
                .as("submitted before the program was effective").isInstanceOf(TimerRuleException.class);
    }

    @Test
    void closing_never_cancels_it_and_no_regrade_does() {
        IncidentTimers timers = IncidentTimers.NONE.with(requested(MONDAY_1000, null, null));
        assertThat(TIMERS.cancelledByClose(timers, jakarta("2026-11-24T10:00"))).isEmpty();
        assertThat(TIMERS.cancelledByRegrade(timers, C, jakarta("2026-11-24T10:00"))).isEmpty();
    }

    @Test
    void a_working_days_rule_warns_exactly_when_it_names_its_at_risk_working_day() {
        assertThat(ENGINE.policy().timer(SlaTimer.ROOT_CAUSE_ANALYSIS)).get()
                .satisfies(rule -> assertThat(rule.atRisk()).isTrue())
                .satisfies(rule -> assertThat(rule.atRiskWorkingDays()).isEqualTo(8));
        assertThatThrownBy(() -> rcaRule(false, 8)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("atRiskWorkingDays");
        assertThatThrownBy(() -> rcaRule(true, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("atRiskWorkingDays");
        assertThat(rcaRule(false, null).atRisk()).isFalse();
    }

    private static TimerRule rcaRule(boolean atRisk, Integer atRiskWorkingDays) {
        return new TimerRule(SlaTimer.ROOT_CAUSE_ANALYSIS, TimerParty.MICROSOFT, "platform-mcs.root-cause-analysis",
                null, Set.of(PLATFORM_MCS), TimerStart.RCA_REQUEST_AND_MITIGATION, null, null, 10, SlaClock.BUSINESS_HOURS,
                atRisk, atRiskWorkingDays, 7, false);
    }
}
