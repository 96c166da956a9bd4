package dev.incidentsla.sla.calendar;

import java.time.LocalDate;
import java.util.Map;

/**
 * The public holidays of one country (or subdivision) in one year, and the weekend days that decree
 * makes working days (China's adjusted working days), each with its name.
 */
public record HolidayYear(Map<LocalDate, String> holidays, Map<LocalDate, String> workingDays) {

    public static final HolidayYear NONE = new HolidayYear(Map.of(), Map.of());

    public HolidayYear {
        holidays = Map.copyOf(holidays);
        workingDays = Map.copyOf(workingDays);
    }
}
