package dev.incidentsla.sla.calendar;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Set;

/**
 * A contract's own changes to its location's calendar. Precedence (SLA-RULES 7.12): a removed holiday
 * removes a public or extra holiday; an extra working day is a working day even on a weekend or holiday.
 */
public record LocalExceptions(Set<LocalDate> extraHolidays, Set<LocalDate> removedHolidays, Set<LocalDate> extraWorkingDays) {

    public static final LocalExceptions NONE = new LocalExceptions(Set.of(), Set.of(), Set.of());

    public LocalExceptions {
        extraHolidays = Set.copyOf(extraHolidays);
        removedHolidays = Set.copyOf(removedHolidays);
        extraWorkingDays = Set.copyOf(extraWorkingDays);
    }

    public static LocalExceptions of(Collection<LocalDate> extraHolidays, Collection<LocalDate> removedHolidays,
                                     Collection<LocalDate> extraWorkingDays) {
        return new LocalExceptions(Set.copyOf(extraHolidays), Set.copyOf(removedHolidays), Set.copyOf(extraWorkingDays));
    }
}
