package dev.incidentsla.sla.data;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import dev.incidentsla.sla.calendar.HolidayYear;

import java.time.LocalDate;
import java.time.Year;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Public holidays from the Jollyday library, for the countries it has a calendar of.
 * <p>
 * A holiday closes the day it is observed on. One that the law moves off a weekend (the United States' Independence
 * Day on a Saturday, observed the Friday before; a British bank holiday's substitute day) closes its substitute day,
 * not its calendar date: that date is a weekend day for a Monday-to-Friday location anyway, and the law of those
 * countries makes the substitute, not the weekend day, the holiday. Where the calendar date stays a holiday beside an
 * additional day (Australia's Boxing Day on a Saturday and the Monday after), Jollyday lists the holiday twice, once
 * on each day, and both close. A holiday observed in another year than its calendar date (New Year's Day 2022, a
 * Saturday, observed by the United States on Friday 31 December 2021) belongs to the year it is observed in.
 */
final class JollydayHolidays {

    private static final String OBSERVED = " (observed)";

    private final Set<String> countries = HolidayManager.getSupportedCalendarCodes().stream()
            .map(String::toUpperCase)
            .collect(Collectors.toUnmodifiableSet());

    boolean knows(String country) {
        return countries.contains(country.toUpperCase());
    }

    HolidayYear inYear(String country, String subdivision, int year) {
        HolidayManager manager = HolidayManager.getInstance(ManagerParameters.create(country.toLowerCase()));
        Map<LocalDate, Set<String>> namesByDate = new HashMap<>();
        for (int listedIn = year - 1; listedIn <= year + 1; listedIn++) {
            for (Holiday holiday : listed(manager, subdivision, listedIn)) {
                LocalDate observedOn = holiday.getDate();
                if (observedOn.getYear() == year) {
                    namesByDate.computeIfAbsent(observedOn, date -> new LinkedHashSet<>()).add(nameOf(holiday));
                }
            }
        }
        Map<LocalDate, String> byDate = new HashMap<>();
        namesByDate.forEach((date, names) -> byDate.put(date, String.join(" / ", names)));
        return new HolidayYear(byDate, Map.of());
    }

    /** The holidays whose calendar date falls in {@code year}, wherever they are observed. */
    private static Set<Holiday> listed(HolidayManager manager, String subdivision, int year) {
        return subdivision == null
                ? manager.getHolidays(Year.of(year), HolidayType.PUBLIC_HOLIDAY)
                : manager.getHolidays(Year.of(year), HolidayType.PUBLIC_HOLIDAY, subdivision.toLowerCase());
    }

    private static String nameOf(Holiday holiday) {
        boolean moved = holiday.getObservedDate().filter(date -> !date.equals(holiday.getActualDate())).isPresent();
        return moved ? holiday.getDescription() + OBSERVED : holiday.getDescription();
    }
}
