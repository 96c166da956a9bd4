package dev.incidentsla.sla.calendar;

/** Finds the public holidays of a country, or of one of its subdivisions. */
public interface HolidayDirectory {

    /**
     * @param country ISO 3166-1 alpha-2 code
     * @param subdivision subdivision code without the country prefix, or null for national holidays only
     */
    PublicHolidays publicHolidays(String country, String subdivision);
}
