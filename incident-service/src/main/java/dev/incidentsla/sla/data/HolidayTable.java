package dev.incidentsla.sla.data;

import dev.incidentsla.sla.calendar.HolidayYear;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A country's holidays by decree, one entry per year: what the product ships for countries a library lacks
 * or gets wrong, and what operators add at runtime.
 */
public record HolidayTable(String country, Map<Integer, Year> years) {

    public record Year(String source, HolidayYear days) {
    }

    public Optional<Year> year(int year) {
        return Optional.ofNullable(years.get(year));
    }

    /** This table with the other's years replacing or extending its own. */
    public HolidayTable overriddenBy(HolidayTable other) {
        Map<Integer, Year> merged = new LinkedHashMap<>(years);
        merged.putAll(other.years);
        return new HolidayTable(country, Map.copyOf(merged));
    }

    /** The data file's shape. */
    record File(String country, Map<Integer, YearEntry> years) {

        HolidayTable toTable(String origin) {
            if (country == null || country.length() != 2) {
                throw new IllegalArgumentException(origin + ": 'country' must be an ISO 3166-1 alpha-2 code");
            }
            Map<Integer, Year> converted = new HashMap<>();
            years.forEach((year, entry) -> converted.put(year, entry.toYear(country, year, origin)));
            return new HolidayTable(country.toUpperCase(), Map.copyOf(converted));
        }
    }

    record YearEntry(String source, List<Day> holidays, List<Day> workingDays) {

        Year toYear(String country, int year, String origin) {
            Map<LocalDate, String> closed = days(holidays, year, origin);
            Map<LocalDate, String> working = days(workingDays, year, origin);
            closed.keySet().stream().filter(working::containsKey).findFirst().ifPresent(date -> {
                throw new IllegalArgumentException(origin + ": " + country + " " + date + " is listed both as a holiday and as a working day");
            });
            return new Year(source, new HolidayYear(closed, working));
        }

        private static Map<LocalDate, String> days(List<Day> days, int year, String origin) {
            Map<LocalDate, String> byDate = new HashMap<>();
            for (Day day : days == null ? List.<Day>of() : days) {
                if (day.date().getYear() != year) {
                    throw new IllegalArgumentException(origin + ": " + day.date() + " is listed under year " + year);
                }
                byDate.merge(day.date(), day.name(), (first, second) -> first + " / " + second);
            }
            return byDate;
        }
    }

    record Day(LocalDate date, String name, String kind) {
    }
}
