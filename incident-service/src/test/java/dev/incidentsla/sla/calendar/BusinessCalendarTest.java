package dev.incidentsla.sla.calendar;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.incidentsla.sla.calendar.TestCalendars.holidays;
import static dev.incidentsla.sla.calendar.TestCalendars.officeHours;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SLA-RULES section 2 and the calendar decisions of section 7 (items 12, 14, 15). */
class BusinessCalendarTest {

    private static final BusinessCalendar JAKARTA = officeHours("Asia/Jakarta");

    @Test
    void a_sev_b_submitted_friday_1700_in_jakarta_is_due_monday_1030() {
        assertThat(JAKARTA.add(Instant.parse("2026-11-20T10:00:00Z"), Duration.ofHours(2)))
                .isEqualTo(Instant.parse("2026-11-23T03:30:00Z"));
    }

    @Test
    void the_same_sev_b_is_due_tuesday_1030_when_monday_is_a_public_holiday() {
        BusinessCalendar calendar = officeHours("Asia/Jakarta", holidays("2026-11-23"));
        assertThat(calendar.add(Instant.parse("2026-11-20T10:00:00Z"), Duration.ofHours(2)))
                .isEqualTo(Instant.parse("2026-11-24T03:30:00Z"));
    }

    @Test
    void started_outside_a_window_the_clock_starts_at_the_next_opening() {
        assertThat(JAKARTA.add(Instant.parse("2026-11-18T00:30:00Z"), Duration.ofMinutes(30)))
                .as("07:30 local").isEqualTo(Instant.parse("2026-11-18T02:30:00Z"));
        assertThat(JAKARTA.add(Instant.parse("2026-11-18T12:00:00Z"), Duration.ofMinutes(30)))
                .as("19:00 local").isEqualTo(Instant.parse("2026-11-19T02:30:00Z"));
    }

    @Test
    void a_deadline_landing_exactly_on_closing_time_stays_at_closing_time() {
        assertThat(JAKARTA.add(Instant.parse("2026-11-20T08:30:00Z"), Duration.ofHours(2)))
                .as("15:30 + 2h = 17:30 Friday, not Monday 09:00").isEqualTo(Instant.parse("2026-11-20T10:30:00Z"));
    }

    @Test
    void a_whole_business_day_from_opening_ends_at_that_days_closing() {
        assertThat(JAKARTA.add(Instant.parse("2026-11-18T02:00:00Z"), Duration.ofMinutes(510)))
                .isEqualTo(Instant.parse("2026-11-18T10:30:00Z"));
    }

    @Test
    void a_zero_duration_yields_the_start_inside_a_window_and_the_next_opening_outside() {
        Instant inside = Instant.parse("2026-11-18T05:00:00Z");
        assertThat(JAKARTA.add(inside, Duration.ZERO)).isEqualTo(inside);
        assertThat(JAKARTA.add(Instant.parse("2026-11-21T05:00:00Z"), Duration.ZERO))
                .as("Saturday").isEqualTo(Instant.parse("2026-11-23T02:00:00Z"));
    }

    @Test
    void a_zero_duration_at_a_midnight_closing_time_stays_there() {
        BusinessCalendar lateShift = new BusinessCalendar(ZoneId.of("UTC"),
                WorkingWeek.uniform(List.of(WorkingWindow.parse("09:00", "24:00")), List.of()), PublicHolidays.NONE, LocalExceptions.NONE);
        Instant midnight = Instant.parse("2026-11-17T00:00:00Z");
        assertThat(lateShift.isClosingTime(midnight)).isTrue();
        assertThat(lateShift.add(midnight, Duration.ZERO)).isEqualTo(midnight);
    }

    @Test
    void arithmetic_is_exact_to_the_second() {
        assertThat(JAKARTA.add(Instant.parse("2026-11-18T10:29:59Z"), Duration.ofSeconds(2)))
                .as("one second on Wednesday, one on Thursday").isEqualTo(Instant.parse("2026-11-19T02:00:01Z"));
        assertThat(JAKARTA.elapsed(Instant.parse("2026-11-18T10:29:59Z"), Instant.parse("2026-11-19T02:00:01Z")))
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void elapsed_counts_only_business_time_and_nothing_over_a_weekend() {
        assertThat(JAKARTA.elapsed(Instant.parse("2026-11-20T10:00:00Z"), Instant.parse("2026-11-23T03:30:00Z")))
                .isEqualTo(Duration.ofHours(2));
        assertThat(JAKARTA.elapsed(Instant.parse("2026-11-21T00:00:00Z"), Instant.parse("2026-11-22T23:00:00Z")))
                .isZero();
        assertThatThrownBy(() -> JAKARTA.elapsed(Instant.parse("2026-11-22T00:00:00Z"), Instant.parse("2026-11-21T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_public_holiday_removes_the_whole_local_day() {
        BusinessCalendar calendar = officeHours("Asia/Jakarta", holidays("2026-11-18"));
        assertThat(calendar.elapsed(Instant.parse("2026-11-17T17:00:00Z"), Instant.parse("2026-11-18T17:00:00Z"))).isZero();
        assertThat(calendar.day(LocalDate.parse("2026-11-18")).kind()).isEqualTo(DayKind.PUBLIC_HOLIDAY);
    }

    @Test
    void split_shifts_count_only_inside_their_windows() {
        BusinessCalendar calendar = new BusinessCalendar(ZoneId.of("Europe/Berlin"),
                WorkingWeek.uniform(List.of(WorkingWindow.parse("08:00", "12:00"), WorkingWindow.parse("13:00", "17:00")),
                        List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)), PublicHolidays.NONE, LocalExceptions.NONE);
        assertThat(calendar.add(Instant.parse("2026-11-18T10:30:00Z"), Duration.ofHours(1)))
                .as("11:30 local + 1h: 30m before lunch, 30m after").isEqualTo(Instant.parse("2026-11-18T12:30:00Z"));
    }

    @Test
    void the_walk_explains_windows_counted_and_days_skipped_in_local_time() {
        CalendarWalk walk = officeHours("Asia/Jakarta", holidays("2026-11-23"))
                .addExplained(Instant.parse("2026-11-20T10:00:00Z"), Duration.ofHours(2));
        assertThat(walk.describe()).isEqualTo("2h of business hours from Fri 2026-11-20 17:00 +07:00: "
                + "counted 30m on Fri 2026-11-20 17:00-17:30; skipped Sat 2026-11-21 (weekend); "
                + "skipped Sun 2026-11-22 (weekend); skipped Mon 2026-11-23 (public holiday: test holiday); "
                + "counted 1h30m on Tue 2026-11-24 09:00-10:30; due Tue 2026-11-24 10:30 +07:00 (2026-11-24T03:30:00Z)");
    }

    @Test
    void a_calendar_without_any_working_time_refuses_to_walk_forever() {
        BusinessCalendar closed = new BusinessCalendar(ZoneId.of("UTC"),
                new WorkingWeek(Map.of(), List.of(WorkingWindow.parse("09:00", "17:00"))), PublicHolidays.NONE, LocalExceptions.NONE);
        assertThatThrownBy(() -> closed.add(Instant.parse("2026-01-01T00:00:00Z"), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Nested
    class ContractExceptions {

        private final PublicHolidays mondayHoliday = holidays("2026-11-23");

        private BusinessCalendar with(LocalExceptions exceptions) {
            return new BusinessCalendar(ZoneId.of("Asia/Jakarta"), WorkingWeek.mondayToFriday("09:00", "17:30"),
                    mondayHoliday, exceptions);
        }

        @Test
        void an_extra_holiday_of_the_contract_closes_the_day() {
            BusinessCalendar calendar = with(new LocalExceptions(Set.of(LocalDate.parse("2026-11-24")), Set.of(), Set.of()));
            assertThat(calendar.day(LocalDate.parse("2026-11-24")).kind()).isEqualTo(DayKind.CONTRACT_HOLIDAY);
            assertThat(calendar.add(Instant.parse("2026-11-20T10:00:00Z"), Duration.ofHours(2)))
                    .isEqualTo(Instant.parse("2026-11-25T03:30:00Z"));
        }

        @Test
        void a_removed_holiday_is_a_working_day_again() {
            BusinessCalendar calendar = with(new LocalExceptions(Set.of(), Set.of(LocalDate.parse("2026-11-23")), Set.of()));
            assertThat(calendar.add(Instant.parse("2026-11-20T10:00:00Z"), Duration.ofHours(2)))
                    .isEqualTo(Instant.parse("2026-11-23T03:30:00Z"));
        }

        @Test
        void a_removed_holiday_also_removes_a_contract_extra_holiday() {
            LocalDate day = LocalDate.parse("2026-11-24");
            BusinessCalendar calendar = with(new LocalExceptions(Set.of(day), Set.of(day), Set.of()));
            assertThat(calendar.day(day).kind()).isEqualTo(DayKind.WORKING_DAY);
        }

        @Test
        void a_removed_holiday_on_a_weekend_stays_a_weekend() {
            LocalDate saturday = LocalDate.parse("2026-11-21");
            BusinessCalendar calendar = with(new LocalExceptions(Set.of(saturday), Set.of(saturday), Set.of()));
            assertThat(calendar.day(saturday).kind()).isEqualTo(DayKind.WEEKEND);
        }

        @Test
        void an_extra_working_day_works_even_on_a_weekend() {
            BusinessCalendar calendar = with(new LocalExceptions(Set.of(), Set.of(), Set.of(LocalDate.parse("2026-11-21"))));
            assertThat(calendar.add(Instant.parse("2026-11-20T10:00:00Z"), Duration.ofHours(2)))
                    .as("Saturday 09:00-10:30 local").isEqualTo(Instant.parse("2026-11-21T03:30:00Z"));
        }

        @Test
        void an_extra_working_day_works_even_on_a_public_or_contract_holiday() {
            LocalDate monday = LocalDate.parse("2026-11-23");
            BusinessCalendar calendar = with(new LocalExceptions(Set.of(monday), Set.of(), Set.of(monday)));
            assertThat(calendar.day(monday).kind()).isEqualTo(DayKind.EXTRA_WORKING_DAY);
            assertThat(calendar.day(monday).windows()).containsExactly(WorkingWindow.parse("09:00", "17:30"));
        }

        @Test
        void a_decreed_working_day_on_a_weekend_uses_the_standard_windows() {
            PublicHolidays makeUpSaturday = year -> new HolidayYear(Map.of(),
                    Map.of(LocalDate.parse("2026-11-21"), "adjusted working day"));
            BusinessCalendar calendar = new BusinessCalendar(ZoneId.of("Asia/Shanghai"),
                    WorkingWeek.mondayToFriday("09:00", "17:30"), makeUpSaturday, LocalExceptions.NONE);
            assertThat(calendar.day(LocalDate.parse("2026-11-21")).kind()).isEqualTo(DayKind.ADJUSTED_WORKING_DAY);
            assertThat(calendar.add(Instant.parse("2026-11-20T09:00:00Z"), Duration.ofHours(2)))
                    .as("Fri 17:00 CST + 2h: 30m Friday, 1h30m Saturday").isEqualTo(Instant.parse("2026-11-21T02:30:00Z"));
        }
    }
}
