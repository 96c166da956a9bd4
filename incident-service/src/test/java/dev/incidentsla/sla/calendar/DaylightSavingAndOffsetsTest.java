package dev.incidentsla.sla.calendar;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;

import static dev.incidentsla.sla.calendar.TestCalendars.officeHours;
import static dev.incidentsla.sla.calendar.TestCalendars.roundTheClockWindows;
import static dev.incidentsla.sla.calendar.TestCalendars.withWeekend;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Business hours follow civil time, daylight saving included (SLA-RULES 7.14); round-the-clock targets are
 * absolute durations (section 2). Both clocks across the transitions of three hemispheres' zones, and the
 * half-hour, 45-minute and Friday/Saturday-weekend locations.
 */
class DaylightSavingAndOffsetsTest {

    @Nested
    class EuropeBerlin {

        @Test
        void business_hours_across_the_spring_forward_weekend_keep_local_opening_times() {
            assertThat(officeHours("Europe/Berlin").add(Instant.parse("2026-03-27T15:00:00Z"), Duration.ofHours(4)))
                    .as("Fri 16:00 CET + 4h: 1h30m Friday, 2h30m Monday 09:00-11:30 CEST")
                    .isEqualTo(Instant.parse("2026-03-30T09:30:00Z"));
        }

        @Test
        void business_hours_across_the_fall_back_weekend_keep_local_opening_times() {
            assertThat(officeHours("Europe/Berlin").add(Instant.parse("2026-10-23T14:30:00Z"), Duration.ofHours(2)))
                    .as("Fri 16:30 CEST + 2h: 1h Friday, 1h Monday 09:00-10:00 CET")
                    .isEqualTo(Instant.parse("2026-10-26T09:00:00Z"));
        }

        @Test
        void a_day_of_round_the_clock_windows_has_23_hours_in_spring_and_25_in_autumn() {
            BusinessCalendar calendar = roundTheClockWindows("Europe/Berlin");
            assertThat(calendar.elapsed(Instant.parse("2026-03-28T23:00:00Z"), Instant.parse("2026-03-29T22:00:00Z")))
                    .isEqualTo(Duration.ofHours(23));
            assertThat(calendar.elapsed(Instant.parse("2026-10-24T22:00:00Z"), Instant.parse("2026-10-25T23:00:00Z")))
                    .isEqualTo(Duration.ofHours(25));
        }

        @Test
        void a_round_the_clock_target_is_real_time_across_the_change() {
            Instant saturdayNight = Instant.parse("2026-03-28T23:30:00Z");
            assertThat(roundTheClockWindows("Europe/Berlin").add(saturdayNight, Duration.ofMinutes(60)))
                    .as("00:30 CET + 60 min of real time is 02:30 CEST on the wall clock")
                    .isEqualTo(Instant.parse("2026-03-29T00:30:00Z"));
        }
    }

    @Nested
    class AmericaNewYork {

        @Test
        void business_hours_across_the_spring_forward_weekend() {
            assertThat(officeHours("America/New_York").add(Instant.parse("2026-03-06T21:00:00Z"), Duration.ofHours(2)))
                    .as("Fri 16:00 EST + 2h: 1h30m Friday, 30m Monday 09:00-09:30 EDT")
                    .isEqualTo(Instant.parse("2026-03-09T13:30:00Z"));
        }

        @Test
        void business_hours_across_the_fall_back_weekend() {
            assertThat(officeHours("America/New_York").add(Instant.parse("2026-10-30T20:30:00Z"), Duration.ofHours(4)))
                    .as("Fri 16:30 EDT + 4h: 1h Friday, 3h Monday 09:00-12:00 EST")
                    .isEqualTo(Instant.parse("2026-11-02T17:00:00Z"));
        }

        @Test
        void a_window_opening_inside_the_spring_gap_opens_when_the_clock_jumps() {
            BusinessCalendar nightShift = new BusinessCalendar(java.time.ZoneId.of("America/New_York"),
                    WorkingWeek.uniform(java.util.List.of(WorkingWindow.parse("02:30", "10:00")), java.util.List.of()),
                    PublicHolidays.NONE, LocalExceptions.NONE);
            assertThat(nightShift.add(Instant.parse("2026-03-08T06:00:00Z"), Duration.ofMinutes(30)))
                    .as("the clock jumps from 02:00 EST to 03:00 EDT at 07:00Z, inside the window")
                    .isEqualTo(Instant.parse("2026-03-08T07:30:00Z"));
            assertThat(nightShift.isBusinessTime(Instant.parse("2026-03-08T07:15:00Z"))).isTrue();
        }

        @Test
        void a_window_the_clock_never_shows_counts_nothing() {
            BusinessCalendar gapOnly = new BusinessCalendar(java.time.ZoneId.of("America/New_York"),
                    WorkingWeek.uniform(java.util.List.of(WorkingWindow.parse("02:15", "02:45"), WorkingWindow.parse("00:00", "02:00")),
                            java.util.List.of()), PublicHolidays.NONE, LocalExceptions.NONE);
            assertThat(gapOnly.elapsed(Instant.parse("2026-03-08T05:00:00Z"), Instant.parse("2026-03-09T04:00:00Z")))
                    .as("00:00-02:00 counts 2h; 02:15-02:45 does not exist that night").isEqualTo(Duration.ofHours(2));
        }

        @Test
        void round_the_clock_across_the_fall_back_night_counts_the_repeated_hour() {
            BusinessCalendar calendar = roundTheClockWindows("America/New_York");
            Instant start = Instant.parse("2026-11-01T05:30:00Z");
            assertThat(calendar.add(start, Duration.ofMinutes(60))).isEqualTo(start.plus(Duration.ofMinutes(60)));
            assertThat(calendar.elapsed(start, Instant.parse("2026-11-01T07:30:00Z"))).isEqualTo(Duration.ofHours(2));
        }
    }

    @Nested
    class AustraliaSydney {

        @Test
        void business_hours_across_the_april_fall_back() {
            assertThat(officeHours("Australia/Sydney").add(Instant.parse("2026-04-03T05:30:00Z"), Duration.ofHours(2)))
                    .as("Fri 16:30 AEDT + 2h: 1h Friday, 1h Monday 09:00-10:00 AEST")
                    .isEqualTo(Instant.parse("2026-04-06T00:00:00Z"));
        }

        @Test
        void business_hours_across_the_october_spring_forward() {
            assertThat(officeHours("Australia/Sydney").add(Instant.parse("2026-10-02T06:00:00Z"), Duration.ofHours(2)))
                    .as("Fri 16:00 AEST + 2h: 1h30m Friday, 30m Monday 09:00-09:30 AEDT")
                    .isEqualTo(Instant.parse("2026-10-04T22:30:00Z"));
        }

        @Test
        void a_round_the_clock_sunday_in_april_has_25_hours() {
            assertThat(roundTheClockWindows("Australia/Sydney")
                    .elapsed(Instant.parse("2026-04-04T13:00:00Z"), Instant.parse("2026-04-05T14:00:00Z")))
                    .isEqualTo(Duration.ofHours(25));
        }
    }

    @Nested
    class UnusualOffsetsAndWeekends {

        @Test
        void kolkata_plus_0530_counts_from_local_opening() {
            assertThat(officeHours("Asia/Kolkata").add(Instant.parse("2026-11-20T11:45:00Z"), Duration.ofHours(2)))
                    .as("Fri 17:15 IST + 2h: 15m Friday, 1h45m Monday 09:00-10:45 IST")
                    .isEqualTo(Instant.parse("2026-11-23T05:15:00Z"));
        }

        @Test
        void kathmandu_plus_0545_counts_from_local_opening() {
            assertThat(officeHours("Asia/Kathmandu").add(Instant.parse("2026-11-20T11:30:00Z"), Duration.ofHours(4)))
                    .as("Fri 17:15 NPT + 4h: 15m Friday, 3h45m Monday 09:00-12:45 NPT")
                    .isEqualTo(Instant.parse("2026-11-23T07:00:00Z"));
        }

        @Test
        void a_friday_saturday_weekend_skips_friday_and_saturday_and_works_sunday() {
            BusinessCalendar riyadh = withWeekend("Asia/Riyadh", DayOfWeek.FRIDAY, DayOfWeek.SATURDAY);
            assertThat(riyadh.add(Instant.parse("2026-11-19T13:30:00Z"), Duration.ofHours(2)))
                    .as("Thu 16:30 AST + 2h: 1h Thursday, 1h Sunday 09:00-10:00")
                    .isEqualTo(Instant.parse("2026-11-22T07:00:00Z"));
        }
    }
}
