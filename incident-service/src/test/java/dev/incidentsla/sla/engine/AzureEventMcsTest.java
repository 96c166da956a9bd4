package dev.incidentsla.sla.engine;

import dev.incidentsla.api.Channel;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.contract.ScheduledEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static dev.incidentsla.api.Severity.A;
import static dev.incidentsla.api.Severity.SEV_1;
import static dev.incidentsla.api.SlaClock.ROUND_THE_CLOCK;
import static dev.incidentsla.sla.engine.EngineFixture.AZURE_VM;
import static dev.incidentsla.sla.engine.EngineFixture.EVENT_MCS;
import static dev.incidentsla.sla.engine.EngineFixture.EXCHANGE_SERVER;
import static dev.incidentsla.sla.engine.EngineFixture.NOT_COVERED;
import static dev.incidentsla.sla.engine.EngineFixture.NO_TARGET;
import static dev.incidentsla.sla.engine.EngineFixture.UNIFIED;
import static dev.incidentsla.sla.engine.EngineFixture.contract;
import static dev.incidentsla.sla.engine.EngineFixture.deadline;
import static dev.incidentsla.sla.engine.EngineFixture.deadlineOf;
import static dev.incidentsla.sla.engine.EngineFixture.decide;
import static dev.incidentsla.sla.engine.EngineFixture.event;
import static dev.incidentsla.sla.engine.EngineFixture.eventMcs;
import static dev.incidentsla.sla.engine.EngineFixture.incident;
import static dev.incidentsla.sla.engine.EngineFixture.jakarta;
import static dev.incidentsla.sla.engine.EngineFixture.minutes;
import static dev.incidentsla.sla.engine.EngineFixture.open;
import static dev.incidentsla.sla.engine.EngineFixture.target;
import static dev.incidentsla.sla.engine.EngineFixture.utc;
import static dev.incidentsla.sla.engine.EngineFixture.verdictOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SLA-RULES 3.5, 7.7 and 7.9: Azure Event Mission Critical Services. The event "year-end-sale" runs from
 * Tue 2026-12-01 00:00 to the end of Sat 2026-12-05, Jakarta time (2026-11-30T17:00Z to 2026-12-05T17:00Z),
 * and was confirmed on 2026-10-20, exactly 42 days before it starts.
 */
class AzureEventMcsTest {

    private static final String SALE = "year-end-sale";
    private static final ScheduledEvent YEAR_END_SALE = event(SALE, "2026-12-01", "2026-12-05", "2026-10-20", false);
    private static final ContractTerms WITH_EVENT = contract(eventMcs(YEAR_END_SALE));
    private static final Instant THURSDAY_1000_DURING_THE_SALE = jakarta("2026-12-03T10:00"); // 03:00Z

    private static ContractTerms withEvent(String confirmedOn, boolean approved) {
        return contract(eventMcs(event(SALE, "2026-12-01", "2026-12-05", confirmedOn, approved)));
    }

    private static IncidentFacts sevANamingTheSale(Instant submittedAt) {
        return incident(A, AZURE_VM).naming(SALE).submittedAt(submittedAt);
    }

    @Test
    void a_sev_1_azure_incident_naming_the_event_inside_its_window_is_due_15_minutes() {
        assertThat(verdictOf(EVENT_MCS, WITH_EVENT, incident(SEV_1, AZURE_VM).naming(SALE).submittedAt(THURSDAY_1000_DURING_THE_SALE)))
                .isEqualTo(target("event-mcs.sev-1-a", "2026-12-03T03:15:00Z"));
    }

    @Test
    void a_sev_1_incident_on_an_azure_product_unified_excludes_gets_15_minutes_from_event_mcs_instead_of_60() {
        assertThat(deadlineOf(WITH_EVENT, incident(SEV_1, "azure-storsimple").naming(SALE).submittedAt(THURSDAY_1000_DURING_THE_SALE)))
                .isEqualTo(deadline(EVENT_MCS, "event-mcs.sev-1-a", minutes(15), ROUND_THE_CLOCK, "2026-12-03T03:15:00Z"));
    }

    @Test
    void a_sev_a_azure_incident_naming_the_event_inside_its_window_is_due_15_minutes() {
        assertThat(deadlineOf(WITH_EVENT, sevANamingTheSale(THURSDAY_1000_DURING_THE_SALE)))
                .isEqualTo(deadline(EVENT_MCS, "event-mcs.sev-1-a", minutes(15), ROUND_THE_CLOCK, "2026-12-03T03:15:00Z"));
    }

    @Test
    void the_window_opens_at_00_00_local_time_of_its_start_date() {
        assertThat(deadlineOf(WITH_EVENT, sevANamingTheSale(utc("2026-11-30T17:00:00Z"))))
                .as("Tue 2026-12-01 00:00 WIB")
                .isEqualTo(deadline(EVENT_MCS, "event-mcs.sev-1-a", minutes(15), ROUND_THE_CLOCK, "2026-11-30T17:15:00Z"));
    }

    @Test
    void an_incident_one_second_before_the_window_opens_is_not_covered() {
        var incident = sevANamingTheSale(utc("2026-11-30T16:59:59Z"));
        assertThat(verdictOf(EVENT_MCS, WITH_EVENT, incident)).isEqualTo(NOT_COVERED);
        assertThat(deadlineOf(WITH_EVENT, incident))
                .isEqualTo(deadline(UNIFIED, "unified.sev-a", minutes(60), ROUND_THE_CLOCK, "2026-11-30T17:59:59Z"));
    }

    @Test
    void the_window_covers_until_the_end_of_its_end_date_in_local_time() {
        assertThat(deadlineOf(WITH_EVENT, sevANamingTheSale(utc("2026-12-05T16:59:59Z"))))
                .as("Sat 2026-12-05 23:59:59 WIB")
                .isEqualTo(deadline(EVENT_MCS, "event-mcs.sev-1-a", minutes(15), ROUND_THE_CLOCK, "2026-12-05T17:14:59Z"));
    }

    @Test
    void an_incident_at_00_00_local_time_the_day_after_the_end_date_is_not_covered() {
        var incident = sevANamingTheSale(utc("2026-12-05T17:00:00Z"));
        assertThat(verdictOf(EVENT_MCS, WITH_EVENT, incident)).isEqualTo(NOT_COVERED);
        assertThat(deadlineOf(WITH_EVENT, incident))
                .isEqualTo(deadline(UNIFIED, "unified.sev-a", minutes(60), ROUND_THE_CLOCK, "2026-12-05T18:00:00Z"));
    }

    @Test
    void a_window_confirmed_exactly_42_days_before_it_starts_is_covered() {
        assertThat(verdictOf(EVENT_MCS, withEvent("2026-10-20", false), sevANamingTheSale(THURSDAY_1000_DURING_THE_SALE)))
                .isEqualTo(target("event-mcs.sev-1-a", "2026-12-03T03:15:00Z"));
    }

    @Test
    void a_window_confirmed_41_days_before_it_starts_is_not_covered() {
        assertThat(verdictOf(EVENT_MCS, withEvent("2026-10-21", false), sevANamingTheSale(THURSDAY_1000_DURING_THE_SALE)))
                .isEqualTo(NOT_COVERED);
    }

    @Test
    void a_late_confirmed_window_is_covered_when_the_event_is_approved() {
        assertThat(verdictOf(EVENT_MCS, withEvent("2026-11-30", true), sevANamingTheSale(THURSDAY_1000_DURING_THE_SALE)))
                .isEqualTo(target("event-mcs.sev-1-a", "2026-12-03T03:15:00Z"));
    }

    @Test
    void an_unconfirmed_window_is_covered_only_when_approved() {
        var incident = sevANamingTheSale(THURSDAY_1000_DURING_THE_SALE);
        assertThat(verdictOf(EVENT_MCS, withEvent(null, false), incident)).isEqualTo(NOT_COVERED);
        assertThat(verdictOf(EVENT_MCS, withEvent(null, true), incident)).isEqualTo(target("event-mcs.sev-1-a", "2026-12-03T03:15:00Z"));
    }

    @Test
    void an_incident_inside_the_window_that_names_no_event_is_not_covered() {
        var incident = incident(A, AZURE_VM).submittedAt(THURSDAY_1000_DURING_THE_SALE);
        assertThat(verdictOf(EVENT_MCS, WITH_EVENT, incident)).isEqualTo(NOT_COVERED);
        assertThat(decide(WITH_EVENT, incident).program()).isEqualTo(UNIFIED);
    }

    @Test
    void an_incident_naming_another_scheduled_event_is_judged_by_that_events_window() {
        ContractTerms twoEvents = contract(eventMcs(YEAR_END_SALE,
                event("new-year-launch", "2027-01-04", "2027-01-08", "2026-11-01", false)));
        assertThat(verdictOf(EVENT_MCS, twoEvents, incident(A, AZURE_VM).naming("new-year-launch").submittedAt(THURSDAY_1000_DURING_THE_SALE)))
                .isEqualTo(NOT_COVERED);
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void event_mcs_covers_an_incident_whatever_the_channel(Channel channel) {
        assertThat(deadlineOf(WITH_EVENT, incident(A, AZURE_VM).via(channel).naming(SALE).submittedAt(THURSDAY_1000_DURING_THE_SALE)))
                .isEqualTo(deadline(EVENT_MCS, "event-mcs.sev-1-a", minutes(15), ROUND_THE_CLOCK, "2026-12-03T03:15:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"azure-us-government", "azure-china"})
    void government_and_sovereign_clouds_are_not_covered(String product) {
        var incident = incident(A, product).naming(SALE).submittedAt(THURSDAY_1000_DURING_THE_SALE);
        assertThat(verdictOf(EVENT_MCS, WITH_EVENT, incident)).isEqualTo(NOT_COVERED);
        assertThat(deadlineOf(WITH_EVENT, incident))
                .isEqualTo(deadline(UNIFIED, "unified.sev-a", minutes(60), ROUND_THE_CLOCK, "2026-12-03T04:00:00Z"));
    }

    @Test
    void a_product_outside_the_azure_family_is_not_covered() {
        assertThat(verdictOf(EVENT_MCS, WITH_EVENT, incident(A, EXCHANGE_SERVER).naming(SALE).submittedAt(THURSDAY_1000_DURING_THE_SALE)))
                .isEqualTo(NOT_COVERED);
    }

    @ParameterizedTest
    @EnumSource(names = {"B", "C"})
    void sev_b_and_sev_c_have_no_event_mcs_target(Severity severity) {
        var incident = incident(severity, AZURE_VM).naming(SALE).submittedAt(THURSDAY_1000_DURING_THE_SALE);
        assertThat(verdictOf(EVENT_MCS, WITH_EVENT, incident)).isEqualTo(NO_TARGET);
        assertThat(decide(WITH_EVENT, incident).program()).isEqualTo(UNIFIED);
    }

    @Test
    void an_incident_naming_an_event_the_contract_does_not_schedule_is_rejected() {
        var incident = incident(A, AZURE_VM).naming("no-such-event").submittedAt(THURSDAY_1000_DURING_THE_SALE);
        assertThatThrownBy(() -> open(WITH_EVENT, incident))
                .isInstanceOf(UnknownEventException.class)
                .hasMessageContaining("no-such-event")
                .hasMessageContaining("contoso");
    }
}
