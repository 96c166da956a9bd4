package dev.incidentsla.sla.data;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import dev.incidentsla.sla.calendar.HolidayYear;

import java.time.LocalDate;
import java.time.Year;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Public holidays from the Jollyday library, for the countries it has a calendar of. */
final class JollydayHolidays {

    private final Set<String> countries = HolidayManager.getSupportedCalendarCodes().stream()
            .map(String::toUpperCase)
            .collect(Collectors.toUnmodifiableSet());

    boolean knows(String country) {
        return countries.contains(country.toUpperCase());
    }

    HolidayYear inYear(String country, String subdivision, int year) {
        HolidayManager manager = HolidayManager.getInstance(ManagerParameters.create(country.toLowerCase()));
        Set<Holiday> holidays = subdivision == null
                ? manager.getHolidays(Year.of(year), HolidayType.PUBLIC_HOLIDAY)
                : manager.getHolidays(Year.of(year), HolidayType.PUBLIC_HOLIDAY, subdivision.toLowerCase());
        Map<LocalDate, String> byDate = new HashMap<>();
        for (Holiday holiday : holidays) {
            byDate.merge(holiday.getActualDate(), holiday.getDescription(), (first, second) -> first + " / " + second);
        }
        return new HolidayYear(byDate, Map.of());
    }
}
