package dev.incidentsla.api.contract;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;

/**
 * Where the customer's support contacts sit. Only {@code timeZone} and {@code country} are required;
 * absent fields take the policy's defaults (Saturday and Sunday off, 09:00 to 17:30, no exceptions).
 *
 * @param id names the location among a contract's locations, for incidents to name it; required in a list of
 *           locations, optional for a contract's only one. Left out of the stored form when absent, which is the form
 *           every location had before contracts held several
 * @param timeZone an IANA zone id, e.g. {@code Asia/Jakarta}
 * @param country an ISO 3166-1 alpha-2 code whose public holidays apply
 * @param subdivision an ISO 3166-2 subdivision code without the country prefix, or null for national holidays only
 */
public record SupportLocation(
        @JsonInclude(JsonInclude.Include.NON_NULL) String id,
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

    /** A location without an id: a contract's only location, in the form it had before contracts held several. */
    public SupportLocation(String timeZone, String country, String subdivision, List<DayOfWeek> weekendDays,
                           BusinessHours businessHours, List<LocalDate> extraHolidays, List<LocalDate> removedHolidays,
                           List<LocalDate> extraWorkingDays) {
        this(null, timeZone, country, subdivision, weekendDays, businessHours, extraHolidays, removedHolidays,
                extraWorkingDays);
    }

    public static SupportLocation of(String timeZone, String country) {
        return new SupportLocation(timeZone, country, null, null, null, null, null, null);
    }

    public SupportLocation withId(String newId) {
        return new SupportLocation(newId, timeZone, country, subdivision, weekendDays, businessHours, extraHolidays,
                removedHolidays, extraWorkingDays);
    }
}
