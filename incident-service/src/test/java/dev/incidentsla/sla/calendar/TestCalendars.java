package dev.incidentsla.sla.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Calendars for tests: a zone, a week, and holidays given inline. */
public final class TestCalendars {

    private TestCalendars() {
    }

    public static BusinessCalendar officeHours(String zone) {
        return officeHours(zone, PublicHolidays.NONE);
    }

    public static BusinessCalendar officeHours(String zone, PublicHolidays holidays) {
        return new BusinessCalendar(ZoneId.of(zone), WorkingWeek.mondayToFriday("09:00", "17:30"), holidays, LocalExceptions.NONE);
    }

    public static BusinessCalendar roundTheClockWindows(String zone) {
        return new BusinessCalendar(ZoneId.of(zone), WorkingWeek.uniform(List.of(WorkingWindow.parse("00:00", "24:00")), List.of()),
                PublicHolidays.NONE, LocalExceptions.NONE);
    }

    public static BusinessCalendar withWeekend(String zone, DayOfWeek... weekend) {
        return new BusinessCalendar(ZoneId.of(zone), WorkingWeek.uniform(List.of(WorkingWindow.parse("09:00", "17:30")),
                Arrays.asList(weekend)), PublicHolidays.NONE, LocalExceptions.NONE);
    }

    public static PublicHolidays holidays(String... dates) {
        Map<LocalDate, String> days = Arrays.stream(dates).map(LocalDate::parse)
                .collect(Collectors.toMap(date -> date, date -> "test holiday"));
        return year -> new HolidayYear(days.entrySet().stream().filter(entry -> entry.getKey().getYear() == year)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), Map.of());
    }
}
