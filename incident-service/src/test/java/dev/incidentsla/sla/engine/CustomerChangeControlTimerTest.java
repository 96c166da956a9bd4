package dev.incidentsla.sla.engine;

import dev.incidentsla.api.CustomerRequestKind;
import dev.incidentsla.api.SlaClock;
import dev.incidentsla.api.SlaTimer;
import dev.incidentsla.api.TimerParty;
import dev.incidentsla.api.TimerStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.incidentsla.api.Severity.A;
import static dev.incidentsla.api.Severity.B;
import static dev.incidentsla.api.Severity.C;
import static dev.incidentsla.api.Severity.SEV_1;
import static dev.incidentsla.sla.engine.EngineFixture.AZURE_VM;
import static dev.incidentsla.sla.engine.EngineFixture.ENGINE;
import static dev.incidentsla.sla.engine.EngineFixture.contract;
import static dev.incidentsla.sla.engine.EngineFixture.incident;
import static dev.incidentsla.sla.engine.EngineFixture.jakarta;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SLA-RULES 9 and 8: the customer's change-control authority answers a Sev B incident within 4 business hours, also
 * with 24x7. Jakarta: Monday to Friday 09:00-17:30.
 */
class CustomerChangeControlTimerTest {

    private static final TimerEngine TIMERS = new TimerEngine(ENGINE);
    private static final ContractTerms CONTOSO = contract();
    private static final IncidentFacts SEV_B = incident(B, AZURE_VM).submittedAt(jakarta("2026-11-20T10:00"));
    private static final Instant FRIDAY_1600 = jakarta("2026-11-20T16:00");
    /** 1 h 30 on Friday, 2 h 30 on Monday. */
    private static final Instant MONDAY_1130 = jakarta("2026-11-23T11:30");

    private static TimerSla asked(IncidentFacts incident, IncidentTimers timers, Instant at) {
        return TIMERS.askCustomer(CONTOSO, incident, timers, CustomerRequestKind.CHANGE_CONTROL, at);
    }

    @Test
    void asked_on_a_sev_b_incident_it_is_due_4_business_hours_later_and_owed_by_the_customer() {
        TimerSla timer = asked(SEV_B, IncidentTimers.NONE, FRIDAY_1600);
        assertThat(timer.timer()).isEqualTo(SlaTimer.CUSTOMER_CHANGE_CONTROL);
        assertThat(timer.party()).isEqualTo(TimerParty.CUSTOMER);
        assertThat(timer.program()).as("no coverage makes it apply: the incident owes it under its first response's program")
                .isNull();
        assertThat(timer.id().value()).isEqualTo("customer-change-control-1");
        assertThat(timer.startedAt()).isEqualTo(FRIDAY_1600);
        assertThat(timer.dueAt()).isEqualTo(MONDAY_1130);
        assertThat(timer.target()).isEqualTo("PT4H");
        assertThat(timer.clock()).isEqualTo(SlaClock.BUSINESS_HOURS);
        assertThat(timer.atRiskAt()).as("no warning on the customer's timers").isNull();
    }

    @Test
    void with_24x7_chosen_it_still_runs_on_working_hours() {
        IncidentFacts aroundTheClock = incident(B, AZURE_VM).with24x7().submittedAt(jakarta("2026-11-20T10:00"));
        assertThat(asked(aroundTheClock, IncidentTimers.NONE, FRIDAY_1600).dueAt()).isEqualTo(MONDAY_1130);
    }

    @Test
    void other_severities_take_no_change_control_timer() {
        for (var severity : new dev.incidentsla.api.Severity[]{SEV_1, A, C}) {
            IncidentFacts other = incident(severity, AZURE_VM).submittedAt(jakarta("2026-11-20T10:00"));
            assertThatThrownBy(() -> asked(other, IncidentTimers.NONE, FRIDAY_1600))
                    .as("Sev %s", severity).isInstanceOf(TimerRuleException.class).hasMessageContaining("Sev B only");
        }
    }

    @Test
    void answered_by_the_deadline_it_is_met_and_later_breached_by_the_customer() {
        TimerSla timer = asked(SEV_B, IncidentTimers.NONE, FRIDAY_1600);
        assertThat(timer.stop(MONDAY_1130).status()).isEqualTo(TimerStatus.MET);
        TimerSla late = timer.stop(MONDAY_1130.plusSeconds(60));
        assertThat(late.status()).isEqualTo(TimerStatus.BREACHED);
        assertThat(late.party()).isEqualTo(TimerParty.CUSTOMER);
    }

    @Test
    void asked_again_after_it_stopped_it_is_a_new_timer_with_its_own_id() {
        TimerSla first = asked(SEV_B, IncidentTimers.NONE, FRIDAY_1600).stop(jakarta("2026-11-20T17:00"));
        IncidentTimers timers = IncidentTimers.NONE.with(first);
        TimerSla second = asked(SEV_B, timers, jakarta("2026-11-23T09:00"));
        assertThat(second.id().value()).isEqualTo("customer-change-control-2");
        assertThat(second.dueAt()).isEqualTo(jakarta("2026-11-23T13:00"));
        IncidentTimers both = timers.with(second);
        assertThat(both.all()).extracting(TimerSla::status).containsExactly(TimerStatus.MET, TimerStatus.PENDING);
        assertThat(both.pendingAt(SlaTimer.CUSTOMER_CHANGE_CONTROL, jakarta("2026-11-23T10:00"))).contains(second);
    }

    @Test
    void a_regrade_out_of_sev_b_cancels_it_and_24x7_switched_on_does_not() {
        IncidentTimers timers = IncidentTimers.NONE.with(asked(SEV_B, IncidentTimers.NONE, FRIDAY_1600));
        Instant at = jakarta("2026-11-23T09:30");
        assertThat(TIMERS.cancelledByRegrade(timers, A, at)).singleElement().satisfies(cancelled -> {
            assertThat(cancelled.status()).isEqualTo(TimerStatus.CANCELLED);
            assertThat(cancelled.stoppedAt()).isEqualTo(at);
        });
        assertThat(TIMERS.cancelledByRegrade(timers, B, at)).isEmpty();
    }

    @Test
    void closing_cancels_it_while_pending() {
        IncidentTimers timers = IncidentTimers.NONE.with(asked(SEV_B, IncidentTimers.NONE, FRIDAY_1600));
        assertThat(TIMERS.cancelledByClose(timers, jakarta("2026-11-23T09:30")))
                .singleElement().extracting(TimerSla::status).isEqualTo(TimerStatus.CANCELLED);
        assertThat(TIMERS.cancelledByClose(timers, jakarta("2026-11-23T12:00"))).as("breached already").isEmpty();
    }
}
