package dev.incidentsla.sla.calendar;

/** Where a calendar's public holidays come from, a year at a time. */
@FunctionalInterface
public interface PublicHolidays {

    PublicHolidays NONE = year -> HolidayYear.NONE;

    HolidayYear inYear(int year);
}
