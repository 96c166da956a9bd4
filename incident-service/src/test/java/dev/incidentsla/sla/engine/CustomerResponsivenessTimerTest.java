package dev.incidentsla.sla.engine;

import dev.incidentsla.api.CustomerRequestKind;
import dev.incidentsla.api.SlaClock;
import dev.incidentsla.api.SlaTimer;
import dev.incidentsla.api.TimerParty;
import dev.incidentsla.api.TimerStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.incidentsla.api.Severity.B;
import static dev.incidentsla.api.Severity.C;
import static dev.incidentsla.sla.engine.EngineFixture.AZURE_VM;
import static dev.incidentsla.sla.engine.EngineFixture.ENGINE;
import static dev.incidentsla.sla.engine.EngineFixture.contract;
import static dev.incidentsla.sla.engine.EngineFixture.incident;
import static dev.incidentsla.sla.engine.EngineFixture.jakarta;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SLA-RULES 9 and 8: the customer is responsive on a Sev C incident within 24 hours, round the clock. */
class CustomerResponsivenessTimerTest {

    private static final TimerEngine TIMERS = new TimerEngine(ENGINE);
    private static final ContractTerms CONTOSO = contract();
    private static final IncidentFacts SEV_C = incident(C, AZURE_VM).submittedAt(jakarta("2026-11-20T10:00"));
    private static final Instant FRIDAY_1600 = jakarta("2026-11-20T16:00");

    private static TimerSla asked(IncidentFacts incident, IncidentTimers timers, Instant at) {
        return TIMERS.askCustomer(CONTOSO, incident, timers, CustomerRequestKind.RESPONSIVENESS, at);
    }

    @Test
    void asked_on_a_sev_c_incident_it_is_due_24_hours_later_weekend_included() {
        TimerSla timer = asked(SEV_C, IncidentTimers.NONE, FRIDAY_1600);
        assertThat(timer.timer()).isEqualTo(SlaTimer.CUSTOMER_RESPONSIVENESS);
        assertThat(timer.party()).isEqualTo(TimerParty.CUSTOMER);
        assertThat(timer.id().value()).isEqualTo("customer-responsiveness-1");
        assertThat(timer.dueAt()).isEqualTo(jakarta("2026-11-21T16:00"));
        assertThat(timer.target()).isEqualTo("PT24H");
        assertThat(timer.clock()).isEqualTo(SlaClock.ROUND_THE_CLOCK);
        assertThat(timer.atRiskAt()).isNull();
    }

    @Test
    void a_sev_b_incident_takes_no_responsiveness_timer() {
        IncidentFacts sevB = incident(B, AZURE_VM).submittedAt(jakarta("2026-11-20T10:00"));
        assertThatThrownBy(() -> asked(sevB, IncidentTimers.NONE, FRIDAY_1600))
                .isInstanceOf(TimerRuleException.class).hasMessageContaining("Sev C only");
    }

    @Test
    void asked_again_after_its_deadline_passed_it_is_a_new_timer_and_the_old_one_reads_breached() {
        TimerSla first = asked(SEV_C, IncidentTimers.NONE, FRIDAY_1600);
        IncidentTimers timers = IncidentTimers.NONE.with(first);
        Instant later = jakarta("2026-11-23T09:00");
        assertThat(timers.pendingAt(SlaTimer.CUSTOMER_RESPONSIVENESS, later)).as("stopped by its deadline").isEmpty();
        TimerSla second = asked(SEV_C, timers, later);
        assertThat(second.id().value()).isEqualTo("customer-responsiveness-2");
        assertThat(timers.with(second).all()).extracting(timer -> timer.statusAt(later))
                .containsExactly(TimerStatus.BREACHED, TimerStatus.PENDING);
    }

    @Test
    void a_regrade_to_sev_b_cancels_it_and_a_regrade_into_sev_c_starts_nothing() {
        IncidentTimers timers = IncidentTimers.NONE.with(asked(SEV_C, IncidentTimers.NONE, FRIDAY_1600));
        assertThat(TIMERS.cancelledByRegrade(timers, B, jakarta("2026-11-20T18:00")))
                .singleElement().extracting(TimerSla::status).isEqualTo(TimerStatus.CANCELLED);
        assertThat(TIMERS.cancelledByRegrade(IncidentTimers.NONE, C, jakarta("2026-11-20T18:00"))).isEmpty();
    }

    @Test
    void closing_cancels_it_while_pending_and_leaves_a_breach_standing() {
        IncidentTimers timers = IncidentTimers.NONE.with(asked(SEV_C, IncidentTimers.NONE, FRIDAY_1600));
        assertThat(TIMERS.cancelledByClose(timers, jakarta("2026-11-21T15:00")))
                .singleElement().extracting(TimerSla::status).isEqualTo(TimerStatus.CANCELLED);
        assertThat(TIMERS.cancelledByClose(timers, jakarta("2026-11-21T16:00:01"))).isEmpty();
    }
}
