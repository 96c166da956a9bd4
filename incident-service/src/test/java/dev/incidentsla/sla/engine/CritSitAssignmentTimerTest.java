package dev.incidentsla.sla.engine;

import dev.incidentsla.api.SlaClock;
import dev.incidentsla.api.SlaTimer;
import dev.incidentsla.api.TimerParty;
import dev.incidentsla.api.TimerStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.incidentsla.api.Severity.A;
import static dev.incidentsla.api.Severity.B;
import static dev.incidentsla.api.Severity.C;
import static dev.incidentsla.api.Severity.SEV_1;
import static dev.incidentsla.sla.engine.EngineFixture.AZURE_VM;
import static dev.incidentsla.sla.engine.EngineFixture.ENGINE;
import static dev.incidentsla.sla.engine.EngineFixture.EXCHANGE_SERVER;
import static dev.incidentsla.sla.engine.EngineFixture.contract;
import static dev.incidentsla.sla.engine.EngineFixture.event;
import static dev.incidentsla.sla.engine.EngineFixture.eventMcs;
import static dev.incidentsla.sla.engine.EngineFixture.held;
import static dev.incidentsla.sla.engine.EngineFixture.incident;
import static dev.incidentsla.sla.engine.EngineFixture.jakarta;
import static dev.incidentsla.sla.engine.EngineFixture.utc;
import static org.assertj.core.api.Assertions.assertThat;

/** SLA-RULES 9 and 3.5 (older version): a critical-situation resource within 30 minutes of an Event MCS incident. */
class CritSitAssignmentTimerTest {

    private static final TimerEngine TIMERS = new TimerEngine(ENGINE);
    private static final ContractTerms WITH_EVENT = contract(held("UER"),
            eventMcs(event("launch", "2026-11-20", "2026-11-30", "2026-09-01", false)));
    private static final Instant SATURDAY_2200 = jakarta("2026-11-21T22:00"); // 15:00Z, outside business hours

    private static IncidentTimers startedFor(IncidentFacts incident) {
        IncidentTimers timers = IncidentTimers.NONE;
        for (TimerSla timer : TIMERS.atSubmission(WITH_EVENT, incident)) {
            timers = timers.with(timer);
        }
        return timers;
    }

    @Test
    void a_sev_1_incident_covered_by_event_mcs_starts_the_timer_at_submission_30_minutes_round_the_clock() {
        List<TimerSla> started = TIMERS.atSubmission(WITH_EVENT, incident(SEV_1, AZURE_VM).naming("launch")
                .submittedAt(SATURDAY_2200));
        assertThat(started).singleElement().satisfies(timer -> {
            assertThat(timer.timer()).isEqualTo(SlaTimer.CRIT_SIT_ASSIGNMENT);
            assertThat(timer.id().value()).isEqualTo("crit-sit-assignment-1");
            assertThat(timer.party()).isEqualTo(TimerParty.MICROSOFT);
            assertThat(timer.rule()).isEqualTo("event-mcs.crit-sit-assignment");
            assertThat(timer.program()).as("the program whose coverage makes it apply").isEqualTo("AZURE_EVENT_MCS");
            assertThat(timer.requestedAt()).isEqualTo(SATURDAY_2200);
            assertThat(timer.startedAt()).isEqualTo(SATURDAY_2200);
            assertThat(timer.dueAt()).as("weekends count: round-the-clock").isEqualTo(utc("2026-11-21T15:30:00Z"));
            assertThat(timer.atRiskAt()).as("75 % of 30 min").isEqualTo(utc("2026-11-21T15:22:30Z"));
            assertThat(timer.target()).isEqualTo("PT30M");
            assertThat(timer.clock()).isEqualTo(SlaClock.ROUND_THE_CLOCK);
            assertThat(timer.status()).isEqualTo(TimerStatus.PENDING);
            assertThat(timer.explanation()).contains("CRIT_SIT_ASSIGNMENT", "30m round-the-clock", "2026-11-21T15:30:00Z");
        });
    }

    @Test
    void sev_a_takes_it_too_and_sev_b_and_c_do_not() {
        assertThat(startedFor(incident(A, AZURE_VM).naming("launch").submittedAt(SATURDAY_2200)).all()).hasSize(1);
        assertThat(startedFor(incident(B, AZURE_VM).naming("launch").submittedAt(SATURDAY_2200)).all()).isEmpty();
        assertThat(startedFor(incident(C, AZURE_VM).naming("launch").submittedAt(SATURDAY_2200)).all()).isEmpty();
    }

    @Test
    void an_incident_event_mcs_does_not_cover_has_no_crit_sit_timer() {
        assertThat(startedFor(incident(SEV_1, AZURE_VM).submittedAt(SATURDAY_2200)).all()).as("names no event").isEmpty();
        assertThat(startedFor(incident(SEV_1, EXCHANGE_SERVER).naming("launch").submittedAt(SATURDAY_2200)).all())
                .as("not an Azure product").isEmpty();
        assertThat(startedFor(incident(SEV_1, AZURE_VM).naming("launch").submittedAt(jakarta("2026-12-01T10:00"))).all())
                .as("after the event window").isEmpty();
        assertThat(TIMERS.atSubmission(contract(held("UER")), incident(SEV_1, AZURE_VM).submittedAt(SATURDAY_2200)))
                .as("no Event MCS held").isEmpty();
    }

    @Test
    void assigned_at_the_deadline_is_met_and_later_breached() {
        TimerSla timer = startedFor(incident(SEV_1, AZURE_VM).naming("launch").submittedAt(SATURDAY_2200)).all().get(0);
        assertThat(timer.stop(utc("2026-11-21T15:30:00Z")).status()).isEqualTo(TimerStatus.MET);
        assertThat(timer.stop(utc("2026-11-21T15:30:01Z")).status()).isEqualTo(TimerStatus.BREACHED);
        assertThat(timer.statusAt(utc("2026-11-21T15:30:01Z"))).as("pending past its deadline reads breached")
                .isEqualTo(TimerStatus.BREACHED);
    }

    @Test
    void a_regrade_to_a_severity_outside_the_timer_cancels_it() {
        IncidentTimers timers = startedFor(incident(SEV_1, AZURE_VM).naming("launch").submittedAt(SATURDAY_2200));
        Instant at = utc("2026-11-21T15:10:00Z");
        assertThat(TIMERS.cancelledByRegrade(timers, B, at)).singleElement().satisfies(cancelled -> {
            assertThat(cancelled.status()).isEqualTo(TimerStatus.CANCELLED);
            assertThat(cancelled.stoppedAt()).isEqualTo(at);
        });
        assertThat(TIMERS.cancelledByRegrade(timers, A, at)).as("A keeps it").isEmpty();
    }

    @Test
    void a_regrade_after_the_deadline_leaves_the_breach_standing() {
        IncidentTimers timers = startedFor(incident(SEV_1, AZURE_VM).naming("launch").submittedAt(SATURDAY_2200));
        assertThat(TIMERS.cancelledByRegrade(timers, C, utc("2026-11-21T16:00:00Z"))).isEmpty();
    }

    @Test
    void a_regrade_into_sev_1_starts_nothing_retroactively() {
        IncidentFacts sevB = incident(B, AZURE_VM).naming("launch").submittedAt(SATURDAY_2200);
        IncidentTimers timers = startedFor(sevB);
        assertThat(timers.all()).isEmpty();
        assertThat(TIMERS.cancelledByRegrade(timers, SEV_1, utc("2026-11-21T15:10:00Z"))).isEmpty();
        assertThat(timers.latest(SlaTimer.CRIT_SIT_ASSIGNMENT)).isEmpty();
    }

    @Test
    void closing_cancels_the_pending_timer() {
        IncidentTimers timers = startedFor(incident(SEV_1, AZURE_VM).naming("launch").submittedAt(SATURDAY_2200));
        assertThat(TIMERS.cancelledByClose(timers, utc("2026-11-21T15:20:00Z")))
                .singleElement().extracting(TimerSla::status).isEqualTo(TimerStatus.CANCELLED);
        assertThat(TIMERS.cancelledByClose(timers, utc("2026-11-21T15:40:00Z"))).as("already breached").isEmpty();
    }
}
