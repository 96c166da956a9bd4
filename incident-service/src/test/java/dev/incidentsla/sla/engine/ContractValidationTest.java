package dev.incidentsla.sla.engine;

import dev.incidentsla.api.contract.BusinessHours;
import dev.incidentsla.api.contract.ProgramEntitlement;
import dev.incidentsla.api.contract.SupportLocation;
import dev.incidentsla.api.contract.TimeWindow;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.incidentsla.sla.engine.EngineFixture.ENGINE;
import static dev.incidentsla.sla.engine.EngineFixture.JAKARTA;
import static dev.incidentsla.sla.engine.EngineFixture.contract;
import static dev.incidentsla.sla.engine.EngineFixture.contractIn;
import static dev.incidentsla.sla.engine.EngineFixture.event;
import static dev.incidentsla.sla.engine.EngineFixture.eventMcs;
import static dev.incidentsla.sla.engine.EngineFixture.held;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A contract's terms are checked against the policy before anything is computed from them. */
class ContractValidationTest {

    private static void assertRefused(ContractTerms contract, String reason) {
        assertThatThrownBy(() -> ENGINE.validate(contract)).isInstanceOf(InvalidContractException.class).hasMessageContaining(reason);
    }

    @Test
    void a_contract_holding_every_program_with_a_valid_event_is_accepted() {
        assertThatCode(() -> ENGINE.validate(contract(held("UNIFIED"), held("UER"), held("AZURE_RAPID_RESPONSE"),
                new ProgramEntitlement("AZURE_PLATFORM_MCS", EngineFixture.date("2026-01-01"), null),
                eventMcs(event("launch-2026", "2026-11-27", "2026-12-01", "2026-10-01", false)),
                held("SECURITY_CLOUD_MCS")))).doesNotThrowAnyException();
    }

    @Test
    void an_unknown_time_zone_is_refused() {
        assertRefused(contractIn(SupportLocation.of("Asia/Atlantis", "ID")), "unknown time zone 'Asia/Atlantis'");
    }

    @Test
    void a_country_that_is_not_an_iso_code_is_refused() {
        assertRefused(contractIn(SupportLocation.of("Asia/Jakarta", "XX")), "unknown country 'XX'");
    }

    @Test
    void business_hours_that_close_before_they_open_are_refused() {
        assertRefused(contractIn(new SupportLocation("Asia/Jakarta", "ID", null, null, BusinessHours.of("17:30", "09:00"),
                null, null, null)), "businessHours");
    }

    @Test
    void overlapping_split_shift_windows_are_refused() {
        BusinessHours hours = new BusinessHours(null, null, Map.of(DayOfWeek.MONDAY,
                List.of(new TimeWindow("09:00", "13:00"), new TimeWindow("12:00", "17:00"))));
        assertRefused(contractIn(new SupportLocation("Asia/Jakarta", "ID", null, null, hours, null, null, null)), "overlapping");
    }

    @Test
    void a_week_without_any_working_day_is_refused() {
        assertRefused(contractIn(new SupportLocation("Asia/Jakarta", "ID", null, List.of(DayOfWeek.values()), null,
                null, null, null)), "no working day");
    }

    @Test
    void an_unknown_program_is_refused() {
        assertRefused(contract(held("PREMIER")), "unknown program 'PREMIER'");
    }

    @Test
    void the_base_program_takes_no_effective_date() {
        assertRefused(contract(new ProgramEntitlement("UNIFIED", EngineFixture.date("2027-01-01"), null)), "takes no effectiveFrom");
    }

    @Test
    void a_program_listed_twice_is_refused() {
        assertRefused(contract(held("UER"), held("UER")), "listed twice");
    }

    @Test
    void events_under_a_program_that_does_not_cover_events_are_refused() {
        assertRefused(contractIn(JAKARTA, new ProgramEntitlement("UER", null,
                List.of(event("launch", "2026-11-27", "2026-12-01", "2026-10-01", false)))), "does not cover scheduled events");
    }

    @Test
    void an_event_window_shorter_than_3_days_is_refused() {
        assertRefused(contract(eventMcs(event("short", "2026-11-27", "2026-11-28", "2026-10-01", false))), "spans 2 days");
    }

    @Test
    void an_event_window_longer_than_20_days_is_refused() {
        assertRefused(contract(eventMcs(event("long", "2026-11-01", "2026-11-21", "2026-09-01", false))), "spans 21 days");
    }

    @Test
    void event_windows_of_exactly_3_and_20_days_are_accepted() {
        assertThatCode(() -> ENGINE.validate(contract(eventMcs(event("three", "2026-11-27", "2026-11-29", "2026-10-01", false),
                event("twenty", "2026-12-01", "2026-12-20", "2026-10-01", false))))).doesNotThrowAnyException();
    }

    @Test
    void the_same_event_id_twice_is_refused() {
        assertRefused(contract(eventMcs(event("launch", "2026-11-27", "2026-12-01", "2026-10-01", false),
                event("launch", "2026-12-10", "2026-12-12", "2026-10-01", false))), "scheduled twice");
    }

    @Test
    void a_zone_id_has_its_form_whether_or_not_the_zone_is_known() {
        assertThat(List.of("Asia/Jakarta", "Asia/Atlantis", "+07:00", "UTC", "UTC+7"))
                .allMatch(LocationCalendars::isZoneIdForm);
        assertThat(Arrays.asList(null, "", "Asia/New York", "Asia/Jakarta\u0007", "+25:00", "/Jakarta"))
                .noneMatch(LocationCalendars::isZoneIdForm);
    }

    @Test
    void a_country_code_is_two_capital_letters_whether_or_not_it_is_assigned() {
        assertThat(List.of("ID", "XX")).allMatch(LocationCalendars::isCountryCodeForm);
        assertThat(Arrays.asList(null, "", "id", "IDN", "Indonesia", "I\u0007")).noneMatch(LocationCalendars::isCountryCodeForm);
    }
}
