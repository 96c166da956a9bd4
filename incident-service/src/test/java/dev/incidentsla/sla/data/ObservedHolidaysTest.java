package dev.incidentsla.sla.data;

import dev.incidentsla.sla.calendar.HolidayYear;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holidays that fall on a weekend close the day the law observes them on. Each case names the official list it was
 * checked against.
 */
class ObservedHolidaysTest {

    private final HolidayLibrary library = HolidayLibrary.bundled();

    private HolidayYear year(String country, String subdivision, int year) {
        return library.publicHolidays(country, subdivision).inYear(year);
    }

    private static LocalDate date(String isoDate) {
        return LocalDate.parse(isoDate);
    }

    @Nested
    class UnitedStates {

        // opm.gov, Policy, Data, Oversight > Pay & Leave > Federal Holidays, 2026: "Friday, July 3 Independence Day"
        // (July 4, 2026 is a Saturday; 5 U.S.C. 6103 and Executive Order 11582: a Saturday holiday is observed the Friday before).
        @Test
        void independence_day_2026_on_a_saturday_closes_friday_3_july() {
            HolidayYear us2026 = year("US", null, 2026);
            assertThat(us2026.holidays()).containsEntry(date("2026-07-03"), "Independence Day (observed)")
                    .doesNotContainKey(date("2026-07-04"));
        }

        // opm.gov Federal Holidays, 2021: "Friday, June 18 Juneteenth", "Friday, December 24 Christmas Day" and, listed under
        // 2022, "Friday, December 31, 2021 New Year's Day" (January 1, 2022 is a Saturday).
        @Test
        void a_saturday_holiday_of_next_year_closes_the_friday_before_in_this_year() {
            HolidayYear us2021 = year("US", null, 2021);
            assertThat(us2021.holidays()).containsKeys(date("2021-06-18"), date("2021-12-24"), date("2021-12-31"))
                    .doesNotContainKeys(date("2021-06-19"), date("2021-12-25"));
            assertThat(us2021.holidays().get(date("2021-12-31"))).isEqualTo("New Year's Day (observed)");
            assertThat(year("US", null, 2022).holidays()).doesNotContainKeys(date("2022-01-01"), date("2021-12-31"));
        }

        // opm.gov Federal Holidays, 2022: "Monday, June 20 Juneteenth", "Monday, December 26 Christmas Day"
        // (a Sunday holiday is observed the Monday after).
        @Test
        void a_sunday_holiday_closes_the_monday_after() {
            assertThat(year("US", null, 2022).holidays()).containsKeys(date("2022-06-20"), date("2022-12-26"))
                    .doesNotContainKeys(date("2022-06-19"), date("2022-12-25"));
        }

        // opm.gov Federal Holidays, 2027: Christmas Day on Friday, December 24, and New Year's Day of 2028 (a Saturday) on
        // Friday, December 31, 2027.
        @Test
        void the_last_week_of_2027_closes_two_fridays() {
            assertThat(year("US", null, 2027).holidays()).containsKeys(date("2027-12-24"), date("2027-12-31"))
                    .doesNotContainKey(date("2027-12-25"));
        }
    }

    @Nested
    class GreatBritain {

        // gov.uk/bank-holidays, England and Wales 2026: "28 December, Monday, Boxing Day (substitute day)".
        @Test
        void boxing_day_2026_on_a_saturday_closes_monday_28_december() {
            assertThat(year("GB", null, 2026).holidays()).containsEntry(date("2026-12-28"), "Boxing Day (observed)")
                    .containsKey(date("2026-12-25"))
                    .doesNotContainKey(date("2026-12-26"));
        }

        // gov.uk/bank-holidays, England and Wales 2027: "27 December, Monday, Christmas Day (substitute day)" and
        // "28 December, Tuesday, Boxing Day (substitute day)".
        @Test
        void christmas_and_boxing_day_2027_on_the_weekend_close_monday_and_tuesday() {
            assertThat(year("GB", null, 2027).holidays()).containsKeys(date("2027-12-27"), date("2027-12-28"))
                    .doesNotContainKeys(date("2027-12-25"), date("2027-12-26"));
        }

        // gov.uk/bank-holidays, England and Wales 2022: "3 January, Monday, New Year's Day (substitute day)",
        // "26 December, Monday, Boxing Day", "27 December, Tuesday, Christmas Day (substitute day)".
        @Test
        void christmas_2022_on_a_sunday_closes_the_tuesday_since_boxing_day_holds_the_monday() {
            assertThat(year("GB", null, 2022).holidays()).containsKeys(date("2022-01-03"), date("2022-12-26"), date("2022-12-27"))
                    .doesNotContainKeys(date("2022-01-01"), date("2022-12-25"));
        }
    }

    @Nested
    class Australia {

        // nsw.gov.au/about-nsw/public-holidays, 2025: "Australia Day, Monday 27 January 2025"; note 2: when 26 January falls
        // on a Saturday or Sunday there is no public holiday on that day, the following Monday is one (Public Holidays Act
        // 2010 (NSW)).
        @Test
        void australia_day_2025_on_a_sunday_closes_monday_27_january_and_not_the_sunday() {
            assertThat(year("AU", null, 2025).holidays()).containsKey(date("2025-01-27"))
                    .doesNotContainKey(date("2025-01-26"));
            assertThat(year("AU", "NSW", 2025).holidays()).containsKey(date("2025-01-27"))
                    .doesNotContainKey(date("2025-01-26"));
        }

        // nsw.gov.au/about-nsw/public-holidays, 2026: "Boxing Day, Saturday 26 December 2026" and "Additional Day,
        // Monday 28 December 2026" (Public Holidays Act 2010 (NSW): both days are public holidays).
        @Test
        void boxing_day_2026_in_new_south_wales_closes_the_saturday_and_the_additional_monday() {
            Map<LocalDate, String> nsw2026 = year("AU", "NSW", 2026).holidays();
            assertThat(nsw2026).containsEntry(date("2026-12-26"), "Boxing Day")
                    .containsEntry(date("2026-12-28"), "Boxing Day (observed)");
        }

        @Test
        void a_holiday_listed_twice_on_the_same_day_is_named_once() {
            assertThat(year("AU", "NSW", 2026).holidays().get(date("2026-12-26"))).doesNotContain("/");
        }
    }

    @Nested
    class ShippedTables {

        /**
         * 国民の祝日に関する法律 Art. 3(2): a national holiday on a Sunday makes the nearest following day that is not a national
         * holiday a holiday (振替休日); Art. 3(3): a day between two national holidays is a holiday (国民の休日). Computed here
         * from the table's own national holidays, the table's other days must be exactly those (内閣府 syukujitsu.csv lists
         * 2025-02-24, 2025-05-06, 2025-11-24, 2026-05-06, 2026-09-22 and 2027-03-22).
         */
        @ParameterizedTest
        @ValueSource(ints = {2025, 2026, 2027})
        void japans_substitute_and_citizens_holidays_are_those_the_law_makes(int yearNumber) {
            Map<LocalDate, String> japan = year("JP", null, yearNumber).holidays();
            Set<LocalDate> national = japan.entrySet().stream()
                    .filter(entry -> !entry.getValue().startsWith("休日"))
                    .map(Map.Entry::getKey)
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<LocalDate> byLaw = new TreeSet<>();
            for (LocalDate holiday : national) {
                if (holiday.getDayOfWeek() == DayOfWeek.SUNDAY) {
                    LocalDate substitute = holiday.plusDays(1);
                    while (national.contains(substitute)) {
                        substitute = substitute.plusDays(1);
                    }
                    byLaw.add(substitute);
                }
                LocalDate between = holiday.plusDays(1);
                if (!national.contains(between) && national.contains(between.plusDays(1))
                        && between.getDayOfWeek() != DayOfWeek.SUNDAY) {
                    byLaw.add(between);
                }
            }
            Set<LocalDate> tabled = new TreeSet<>(japan.keySet());
            tabled.removeAll(national);
            assertThat(tabled).isNotEmpty().isEqualTo(byLaw);
        }

        @Test
        void japans_2026_substitute_for_constitution_day_is_wednesday_6_may() {
            assertThat(year("JP", null, 2026).holidays().get(date("2026-05-06"))).contains("振替休日");
        }
    }
}
