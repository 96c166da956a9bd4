package dev.incidentsla.sla.data;

import dev.incidentsla.sla.calendar.BusinessCalendar;
import dev.incidentsla.sla.calendar.DayKind;
import dev.incidentsla.sla.calendar.HolidayYear;
import dev.incidentsla.sla.calendar.LocalExceptions;
import dev.incidentsla.sla.calendar.PublicHolidays;
import dev.incidentsla.sla.calendar.WorkingWeek;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HolidayLibraryTest {

    private final HolidayLibrary library = HolidayLibrary.bundled();

    private BusinessCalendar officeHours(String zone, String country) {
        return new BusinessCalendar(ZoneId.of(zone), WorkingWeek.mondayToFriday("09:00", "17:30"),
                library.publicHolidays(country, null), LocalExceptions.NONE);
    }

    private static List<LocalDate> dates(String... isoDates) {
        return Stream.of(isoDates).map(LocalDate::parse).toList();
    }

    private static List<LocalDate> range(String first, String last) {
        return LocalDate.parse(first).datesUntil(LocalDate.parse(last).plusDays(1)).toList();
    }

    @Nested
    class Indonesia2026 {

        private final HolidayYear year = library.publicHolidays("ID", null).inYear(2026);

        @Test
        void national_holidays_are_those_of_the_2026_joint_decree() {
            assertThat(year.holidays()).containsKeys(dates("2026-01-01", "2026-01-16", "2026-02-17", "2026-03-19",
                    "2026-03-21", "2026-03-22", "2026-04-03", "2026-04-05", "2026-05-01", "2026-05-14", "2026-05-27",
                    "2026-05-31", "2026-06-01", "2026-06-16", "2026-08-17", "2026-08-25", "2026-12-25").toArray(LocalDate[]::new));
        }

        @Test
        void collective_leave_days_close_the_day_too() {
            assertThat(year.holidays()).containsKeys(dates("2026-02-16", "2026-03-18", "2026-03-20", "2026-03-23",
                    "2026-03-24", "2026-05-15", "2026-05-28", "2026-12-24").toArray(LocalDate[]::new));
            assertThat(year.holidays().get(LocalDate.parse("2026-03-23"))).containsIgnoringCase("cuti bersama");
        }

        @Test
        void the_decree_lists_exactly_17_holidays_and_8_collective_leave_days() {
            assertThat(year.holidays()).hasSize(25);
            assertThat(year.workingDays()).isEmpty();
        }

        @Test
        void a_sev_b_on_the_eve_of_idul_fitri_waits_until_after_the_whole_block() {
            BusinessCalendar jakarta = officeHours("Asia/Jakarta", "ID");
            assertThat(jakarta.add(Instant.parse("2026-03-17T10:00:00Z"), Duration.ofHours(2)))
                    .as("Tue 17 Mar 17:00 WIB: 30m, then 18-24 March closed, 1h30m on Wed 25 March")
                    .isEqualTo(Instant.parse("2026-03-25T03:30:00Z"));
        }
    }

    @Nested
    class China2026 {

        private final HolidayYear year = library.publicHolidays("CN", null).inYear(2026);

        @Test
        void statutory_holiday_blocks_are_those_of_the_2026_state_council_notice() {
            List<LocalDate> expected = new ArrayList<>();
            expected.addAll(range("2026-01-01", "2026-01-03"));
            expected.addAll(range("2026-02-15", "2026-02-23"));
            expected.addAll(range("2026-04-04", "2026-04-06"));
            expected.addAll(range("2026-05-01", "2026-05-05"));
            expected.addAll(range("2026-06-19", "2026-06-21"));
            expected.addAll(range("2026-09-25", "2026-09-27"));
            expected.addAll(range("2026-10-01", "2026-10-07"));
            assertThat(year.holidays().keySet()).containsExactlyInAnyOrderElementsOf(expected);
        }

        @Test
        void make_up_working_days_are_those_of_the_notice() {
            assertThat(year.workingDays().keySet()).containsExactlyInAnyOrderElementsOf(
                    dates("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"));
        }

        @Test
        void a_make_up_saturday_counts_as_a_working_day() {
            BusinessCalendar shanghai = officeHours("Asia/Shanghai", "CN");
            assertThat(shanghai.day(LocalDate.parse("2026-02-28")).kind()).isEqualTo(DayKind.ADJUSTED_WORKING_DAY);
            assertThat(shanghai.add(Instant.parse("2026-02-27T09:00:00Z"), Duration.ofHours(2)))
                    .as("Fri 27 Feb 17:00 CST + 2h: 30m Friday, 1h30m on the make-up Saturday")
                    .isEqualTo(Instant.parse("2026-02-28T02:30:00Z"));
        }

        @Test
        void the_spring_festival_block_is_skipped_whole() {
            BusinessCalendar shanghai = officeHours("Asia/Shanghai", "CN");
            assertThat(shanghai.add(Instant.parse("2026-02-13T09:00:00Z"), Duration.ofHours(4)))
                    .as("Fri 13 Feb 17:00: 30m, 3h30m on the make-up Saturday 14 Feb")
                    .isEqualTo(Instant.parse("2026-02-14T04:30:00Z"));
            assertThat(shanghai.add(Instant.parse("2026-02-14T09:00:00Z"), Duration.ofHours(1)))
                    .as("Sat 14 Feb 17:00 + 1h: 30m Saturday, 15-23 Feb closed, 30m on Tue 24 Feb")
                    .isEqualTo(Instant.parse("2026-02-24T01:30:00Z"));
        }
    }

    @Nested
    class Japan {

        private final PublicHolidays japan = library.publicHolidays("JP", null);

        @Test
        void the_equinox_days_are_holidays() {
            assertThat(japan.inYear(2026).holidays()).containsKeys(LocalDate.parse("2026-03-20"), LocalDate.parse("2026-09-23"));
            assertThat(japan.inYear(2027).holidays()).containsKeys(LocalDate.parse("2027-03-21"), LocalDate.parse("2027-03-22"));
        }

        @Test
        void the_emperors_birthday_is_23_february_not_23_december() {
            assertThat(japan.inYear(2026).holidays()).containsKey(LocalDate.parse("2026-02-23"))
                    .doesNotContainKey(LocalDate.parse("2026-12-23"));
        }

        @Test
        void the_citizens_holiday_between_two_holidays_is_a_holiday() {
            assertThat(japan.inYear(2026).holidays()).containsKeys(dates("2026-09-21", "2026-09-22", "2026-09-23")
                    .toArray(LocalDate[]::new));
        }
    }

    @Nested
    class FromJollyday {

        @Test
        void germany_has_its_national_holidays() {
            assertThat(library.publicHolidays("DE", null).inYear(2026).holidays())
                    .containsKeys(LocalDate.parse("2026-10-03"), LocalDate.parse("2026-12-25"))
                    .doesNotContainKey(LocalDate.parse("2026-01-06"));
        }

        @Test
        void a_subdivision_adds_its_own_holidays() {
            assertThat(library.publicHolidays("DE", "BY").inYear(2026).holidays()).containsKey(LocalDate.parse("2026-01-06"));
        }
    }

    @Nested
    class UnknownData {

        private final List<LogRecord> warnings = new ArrayList<>();
        private final Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };

        @BeforeEach
        void listen() {
            Logger.getLogger(HolidayLibrary.class.getName()).addHandler(capture);
        }

        @AfterEach
        void stopListening() {
            Logger.getLogger(HolidayLibrary.class.getName()).removeHandler(capture);
        }

        @Test
        void a_country_nobody_knows_has_no_public_holidays_and_a_logged_warning() {
            PublicHolidays holidays = HolidayLibrary.bundled().publicHolidays("BT", null);
            assertThat(holidays.inYear(2026).holidays()).isEmpty();
            assertThat(warnings).extracting(LogRecord::getMessage).anyMatch(message -> message.contains("BT"));
        }

        @Test
        void a_corrected_country_falling_back_to_jollyday_for_a_year_without_table_is_logged() {
            HolidayYear japan2028 = HolidayLibrary.bundled().publicHolidays("JP", null).inYear(2028);
            assertThat(japan2028.holidays()).isNotEmpty();
            assertThat(warnings).extracting(LogRecord::getMessage).anyMatch(message -> message.contains("JP in 2028"));
        }

        @Test
        void a_year_the_tables_do_not_have_yet_has_no_public_holidays_and_a_logged_warning() {
            HolidayYear year = HolidayLibrary.bundled().publicHolidays("CN", null).inYear(2031);
            assertThat(year.holidays()).isEmpty();
            assertThat(warnings).extracting(LogRecord::getMessage).anyMatch(message -> message.contains("CN in 2031"));
        }
    }

    @Nested
    class OperatorTables {

        @TempDir
        Path directory;

        @Test
        void a_directory_of_tables_replaces_a_shipped_year_and_adds_new_years_and_countries() throws IOException {
            Files.writeString(directory.resolve("cn-2027.yaml"), """
                    country: CN
                    years:
                      2026:
                        source: "corrected"
                        holidays:
                          - {date: 2026-01-01, name: "元旦", kind: PUBLIC_HOLIDAY}
                        workingDays: []
                      2027:
                        source: "next year's notice"
                        holidays:
                          - {date: 2027-01-01, name: "元旦", kind: PUBLIC_HOLIDAY}
                        workingDays:
                          - {date: 2027-01-02, name: "调休上班", kind: ADJUSTED_WORKING_DAY}
                    """);
            Files.writeString(directory.resolve("sa.json"), """
                    {"country": "SA", "years": {"2026": {"source": "test", "holidays": [{"date": "2026-09-23", "name": "National Day"}], "workingDays": []}}}
                    """);
            Files.writeString(directory.resolve("README.txt"), "not a table");
            HolidayLibrary operated = HolidayLibrary.withOperatorTables(directory);

            PublicHolidays china = operated.publicHolidays("CN", null);
            assertThat(china.inYear(2026).holidays()).containsOnlyKeys(LocalDate.parse("2026-01-01"));
            assertThat(china.inYear(2027).workingDays()).containsKey(LocalDate.parse("2027-01-02"));
            assertThat(china.inYear(2025).holidays()).as("shipped 2025 stays").hasSize(28);
            assertThat(operated.publicHolidays("SA", null).inYear(2026).holidays()).containsKey(LocalDate.parse("2026-09-23"));
        }

        @Test
        void a_day_listed_both_as_holiday_and_as_working_day_is_refused() throws IOException {
            Path file = Files.writeString(directory.resolve("cn.yaml"), """
                    country: CN
                    years:
                      2027:
                        source: "test"
                        holidays:
                          - {date: 2027-02-06, name: "春节", kind: PUBLIC_HOLIDAY}
                        workingDays:
                          - {date: 2027-02-06, name: "调休上班", kind: ADJUSTED_WORKING_DAY}
                    """);
            assertThatThrownBy(() -> HolidayLibrary.withOperatorTables(file)).hasMessageContaining("2027-02-06");
        }

        @Test
        void a_single_file_works_as_well() throws IOException {
            Path file = Files.writeString(directory.resolve("id.yaml"), """
                    country: ID
                    years:
                      2028:
                        source: "SKB 2028"
                        holidays:
                          - {date: 2028-01-01, name: "Tahun Baru", kind: PUBLIC_HOLIDAY}
                        workingDays: []
                    """);
            PublicHolidays indonesia = HolidayLibrary.withOperatorTables(file).publicHolidays("ID", null);
            assertThat(indonesia.inYear(2028).holidays()).containsOnlyKeys(LocalDate.parse("2028-01-01"));
            assertThat(indonesia.inYear(2026).holidays()).hasSize(25);
        }
    }
}
