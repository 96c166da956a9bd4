package dev.incidentsla.sla.calendar;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static dev.incidentsla.sla.calendar.TestCalendars.holidays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * Properties of the calendar over random instants (2024 to 2028), durations (up to 15 business days) and
 * calendars: zones with and without daylight saving, half-hour and 45-minute offsets, split shifts,
 * Friday/Saturday weekends, holidays and round-the-clock windows.
 */
class BusinessCalendarProperties {

    private static final int EXAMPLES = 2_000;
    private static final long FROM = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();
    private static final long TO = Instant.parse("2028-12-31T00:00:00Z").getEpochSecond();

    private static final List<BusinessCalendar> CALENDARS = List.of(
            TestCalendars.officeHours("Europe/Berlin", holidays("2026-12-24", "2026-12-25", "2026-12-31", "2027-01-01")),
            TestCalendars.officeHours("America/New_York"),
            TestCalendars.officeHours("Australia/Sydney", holidays("2026-04-03", "2026-04-06")),
            TestCalendars.officeHours("Asia/Kathmandu"),
            TestCalendars.officeHours("Asia/Kolkata"),
            TestCalendars.withWeekend("Asia/Riyadh", DayOfWeek.FRIDAY, DayOfWeek.SATURDAY),
            new BusinessCalendar(ZoneId.of("America/Sao_Paulo"),
                    WorkingWeek.uniform(List.of(WorkingWindow.parse("00:00", "01:30"), WorkingWindow.parse("08:00", "12:00"),
                            WorkingWindow.parse("13:00", "24:00")), List.of(DayOfWeek.SUNDAY)),
                    PublicHolidays.NONE, LocalExceptions.NONE),
            new BusinessCalendar(ZoneId.of("Europe/London"),
                    WorkingWeek.uniform(List.of(WorkingWindow.parse("01:00", "02:30"), WorkingWindow.parse("09:00", "17:30")),
                            List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)),
                    PublicHolidays.NONE, LocalExceptions.NONE),
            TestCalendars.roundTheClockWindows("Europe/Berlin"));

    private static final Gen<BusinessCalendar> CALENDAR = Generate.pick(CALENDARS);
    private static final Gen<Instant> INSTANT = longs().between(FROM, TO).map(seconds -> Instant.ofEpochSecond(seconds));
    private static final Gen<Duration> DURATION = longs().between(0, 15 * 8 * 3600L).map(seconds -> Duration.ofSeconds(seconds));
    private static final Gen<Duration> POSITIVE_DURATION = longs().between(1, 15 * 8 * 3600L).map(seconds -> Duration.ofSeconds(seconds));
    private static final Gen<Duration> GAP = longs().between(0, 20 * 86_400L).map(seconds -> Duration.ofSeconds(seconds));

    @Test
    void elapsed_undoes_add() {
        qt().withExamples(EXAMPLES).forAll(CALENDAR, INSTANT, DURATION).checkAssert((calendar, start, duration) ->
                assertThat(calendar.elapsed(start, calendar.add(start, duration))).isEqualTo(duration));
    }

    @Test
    void add_undoes_elapsed_up_to_the_earliest_instant_with_the_same_business_time() {
        qt().withExamples(EXAMPLES).withGenerateAttempts(100).forAll(CALENDAR, INSTANT, GAP)
                .assuming((calendar, start, gap) -> calendar.isBusinessTime(start.plus(gap)) || calendar.isClosingTime(start.plus(gap)))
                .checkAssert((calendar, start, gap) -> {
                    Instant end = start.plus(gap);
                    Duration elapsed = calendar.elapsed(start, end);
                    Instant back = calendar.add(start, elapsed);
                    assertThat(back).isBeforeOrEqualTo(end);
                    assertThat(calendar.elapsed(start, back)).isEqualTo(elapsed);
                    if (!elapsed.isZero() && calendar.isBusinessTime(end.minusSeconds(1))) {
                        assertThat(back).isEqualTo(end);
                    }
                });
    }

    @Test
    void deadlines_are_monotonic_in_duration() {
        qt().withExamples(EXAMPLES).forAll(CALENDAR, INSTANT, DURATION, DURATION).checkAssert((calendar, start, a, b) -> {
            Duration shorter = a.compareTo(b) <= 0 ? a : b;
            Duration longer = a.compareTo(b) <= 0 ? b : a;
            assertThat(calendar.add(start, shorter)).isBeforeOrEqualTo(calendar.add(start, longer));
        });
    }

    @Test
    void deadlines_are_monotonic_in_start() {
        qt().withExamples(EXAMPLES).forAll(CALENDAR, INSTANT, GAP, DURATION).checkAssert((calendar, start, gap, duration) ->
                assertThat(calendar.add(start, duration)).isBeforeOrEqualTo(calendar.add(start.plus(gap), duration)));
    }

    @Test
    void a_deadline_lands_inside_a_window_or_exactly_at_its_closing_time() {
        qt().withExamples(EXAMPLES).forAll(CALENDAR, INSTANT, POSITIVE_DURATION).checkAssert((calendar, start, duration) -> {
            Instant due = calendar.add(start, duration);
            assertThat(calendar.isBusinessTime(due) || calendar.isClosingTime(due))
                    .as("%s + %s = %s in %s", start, duration, due, calendar).isTrue();
        });
    }

    @Test
    void round_the_clock_windows_equal_real_elapsed_time_across_daylight_saving() {
        List<BusinessCalendar> everyMinuteCounts = List.of(TestCalendars.roundTheClockWindows("Europe/Berlin"),
                TestCalendars.roundTheClockWindows("America/New_York"), TestCalendars.roundTheClockWindows("Australia/Sydney"),
                TestCalendars.roundTheClockWindows("Asia/Tehran"), TestCalendars.roundTheClockWindows("Australia/Lord_Howe"));
        qt().withExamples(EXAMPLES).forAll(Generate.pick(everyMinuteCounts), INSTANT, GAP).checkAssert((calendar, start, gap) -> {
            assertThat(calendar.add(start, gap)).isEqualTo(start.plus(gap));
            assertThat(calendar.elapsed(start, start.plus(gap))).isEqualTo(gap);
        });
    }
}
