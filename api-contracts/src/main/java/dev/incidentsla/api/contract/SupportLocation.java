package dev.incidentsla.api.contract;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;

/**
 * Where the customer's support contacts sit. Only {@code timeZone} and {@code country} are required;
 * absent fields take the policy's defaults (Saturday and Sunday off, 09:00 to 17:30, no exceptions).
 *
 * @param timeZone an IANA zone id, e.g. {@code Asia/Jakarta}
 * @param country an ISO 3166-1 alpha-2 code whose public holidays apply
 * @param subdivision an ISO 3166-2 subdivision code without the country prefix, or null for national holidays only
 */
public record SupportLocation(
        String timeZone,
        String country,
        String subdivision,
        List<DayOfWeek> weekendDays,
        BusinessHours businessHours,
        List<LocalDate> extraHolidays,
        List<LocalDate> removedHolidays,
        List<LocalDate> extraWorkingDays) {

    public SupportLocation {
        weekendDays = weekendDays == null ? null : List.copyOf(weekendDays);
        extraHolidays = extraHolidays == null ? null : List.copyOf(extraHolidays);
        removedHolidays = removedHolidays == null ? null : List.copyOf(removedHolidays);
        extraWorkingDays = extraWorkingDays == null ? null : List.copyOf(extraWorkingDays);
    }

    public static SupportLocation of(String timeZone, String country) {
        return new SupportLocation(timeZone, country, null, null, null, null, null, null);
    }
}
