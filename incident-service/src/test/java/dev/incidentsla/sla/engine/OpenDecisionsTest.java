package dev.incidentsla.sla.engine;

import dev.incidentsla.api.contract.SupportLocation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static dev.incidentsla.api.Severity.B;
import static dev.incidentsla.api.Severity.SEV_1;
import static dev.incidentsla.sla.engine.EngineFixture.AZURE_VM;
import static dev.incidentsla.sla.engine.EngineFixture.ENGINE;
import static dev.incidentsla.sla.engine.EngineFixture.EXCHANGE_SERVER;
import static dev.incidentsla.sla.engine.EngineFixture.JAKARTA;
import static dev.incidentsla.sla.engine.EngineFixture.contractIn;
import static dev.incidentsla.sla.engine.EngineFixture.dates;
import static dev.incidentsla.sla.engine.EngineFixture.decide;
import static dev.incidentsla.sla.engine.EngineFixture.incident;
import static dev.incidentsla.sla.engine.EngineFixture.jakarta;
import static dev.incidentsla.sla.engine.EngineFixture.jakartaWith;
import static dev.incidentsla.sla.engine.EngineFixture.local;
import static dev.incidentsla.sla.engine.EngineFixture.location;
import static dev.incidentsla.sla.engine.EngineFixture.newEngine;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SLA-RULES 7.12 to 7.15 (and the calendar rules of section 2 they refine), through the real engine and the
 * shipped holiday data. Every case is a Sev B on exchange-server: 2 business hours, 09:00 to 17:30.
 */
class OpenDecisionsTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");
    /** Wed 2026-12-23 17:00 WIB: the next two days are Indonesian holidays, then a weekend. */
    private static final Instant BEFORE_CHRISTMAS = jakarta("2026-12-23T17:00");
    /** Fri 2026-11-20 17:00 WIB: 30 min today, 90 min on the next working day. */
    private static final Instant FRIDAY_1700 = jakarta("2026-11-20T17:00");

    private static Instant sevBDueAt(SupportLocation location, Instant submittedAt) {
        return sevBDueAt(ENGINE, location, submittedAt);
    }

    private static Instant sevBDueAt(SlaEngine engine, SupportLocation location, Instant submittedAt) {
        return engine.open(contractIn(location), incident(B, EXCHANGE_SERVER).submittedAt(submittedAt)).decision().dueAt();
    }

    private static List<LocalDate> none() {
        return List.of();
    }

    // ---- holidays: the shipped table and the contract's own lists (7.12) ----

    @Test
    void the_shipped_indonesian_table_removes_the_nyepi_and_idul_fitri_block_of_2026() {
        assertThat(sevBDueAt(JAKARTA, jakarta("2026-03-17T17:00")))
                .as("Tue 17:00 + 30 min, 18-24 March off, Wed 2026-03-25 10:30 WIB")
                .isEqualTo("2026-03-25T03:30:00Z");
    }

    @Test
    void the_shipped_indonesian_table_removes_christmas_eve_leave_and_christmas_day() {
        assertThat(sevBDueAt(JAKARTA, BEFORE_CHRISTMAS)).as("Mon 2026-12-28 10:30 WIB").isEqualTo("2026-12-28T03:30:00Z");
    }

    @Test
    void a_contract_extra_holiday_removes_the_whole_local_day() {
        assertThat(sevBDueAt(jakartaWith(dates("2026-11-23"), none(), none()), FRIDAY_1700))
                .as("Monday off: Tue 2026-11-24 10:30 WIB").isEqualTo("2026-11-24T03:30:00Z");
    }

    @Test
    void a_removed_holiday_takes_a_public_holiday_of_the_library_back() {
        assertThat(sevBDueAt(jakartaWith(none(), dates("2026-12-24"), none()), BEFORE_CHRISTMAS))
                .as("Thu 2026-12-24 10:30 WIB").isEqualTo("2026-12-24T03:30:00Z");
    }

    @Test
    void a_removed_holiday_takes_a_contract_extra_holiday_back() {
        assertThat(sevBDueAt(jakartaWith(dates("2026-11-23"), dates("2026-11-23"), none()), FRIDAY_1700))
                .as("Mon 2026-11-23 10:30 WIB").isEqualTo("2026-11-23T03:30:00Z");
    }

    @Test
    void an_extra_working_day_on_a_weekend_is_worked() {
        assertThat(sevBDueAt(jakartaWith(none(), none(), dates("2026-11-21")), FRIDAY_1700))
                .as("Sat 2026-11-21 10:30 WIB").isEqualTo("2026-11-21T03:30:00Z");
    }

    @Test
    void an_extra_working_day_on_a_public_holiday_is_worked() {
        assertThat(sevBDueAt(jakartaWith(none(), none(), dates("2026-12-24")), BEFORE_CHRISTMAS))
                .as("Thu 2026-12-24 10:30 WIB").isEqualTo("2026-12-24T03:30:00Z");
    }

    @Test
    void an_extra_working_day_wins_over_a_contract_extra_holiday_on_the_same_day() {
        assertThat(sevBDueAt(jakartaWith(dates("2026-11-23"), none(), dates("2026-11-23")), FRIDAY_1700))
                .as("Mon 2026-11-23 10:30 WIB").isEqualTo("2026-11-23T03:30:00Z");
    }

    @Test
    void a_country_the_holiday_data_does_not_know_is_accepted_without_public_holidays_and_logged() {
        SlaEngine freshEngine = newEngine();
        List<LogRecord> warnings = new ArrayList<>();
        Logger log = Logger.getLogger("dev.incidentsla.sla.data.HolidayLibrary");
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                warnings.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(capture);
        try {
            assertThat(sevBDueAt(freshEngine, location("Asia/Bangkok", "TH", null), local("2026-04-10T17:00", BANGKOK)))
                    .as("Songkran (13-15 April) is not known: Mon 2026-04-13 10:30 ICT")
                    .isEqualTo("2026-04-13T03:30:00Z");
        } finally {
            log.removeHandler(capture);
        }
        assertThat(warnings).anySatisfy(record -> {
            assertThat(record.getLevel()).isEqualTo(Level.WARNING);
            assertThat(record.getMessage()).contains("TH");
        });
    }

    @Test
    void a_country_the_holiday_data_does_not_know_still_gets_the_contracts_extra_holidays() {
        SupportLocation bangkok = new SupportLocation("Asia/Bangkok", "TH", null, null, null, dates("2026-04-13"), null, null);
        assertThat(sevBDueAt(bangkok, local("2026-04-10T17:00", BANGKOK)))
                .as("Tue 2026-04-14 10:30 ICT").isEqualTo("2026-04-14T03:30:00Z");
    }

    // ---- subdivisions (7.13) ----

    @Test
    void without_a_subdivision_only_national_holidays_apply() {
        assertThat(sevBDueAt(location("Europe/Berlin", "DE", null), local("2026-01-05T17:00", BERLIN)))
                .as("Epiphany is not national: Tue 2026-01-06 10:30 CET").isEqualTo("2026-01-06T09:30:00Z");
    }

    @Test
    void with_a_subdivision_its_own_public_holidays_apply_as_well() {
        assertThat(sevBDueAt(location("Europe/Berlin", "DE", "BY"), local("2026-01-05T17:00", BERLIN)))
                .as("Epiphany is a Bavarian holiday: Wed 2026-01-07 10:30 CET").isEqualTo("2026-01-07T09:30:00Z");
    }

    // ---- civil time (7.14) ----

    @Test
    void business_hours_follow_civil_time_across_the_change_to_daylight_saving() {
        assertThat(sevBDueAt(location("Europe/Berlin", "DE", null), local("2026-03-27T17:00", BERLIN)))
                .as("Fri 17:00 CET + 30 min, clocks go forward on Sunday, Mon 2026-03-30 10:30 CEST (not 11:30)")
                .isEqualTo("2026-03-30T08:30:00Z");
    }

    @Test
    void a_round_the_clock_target_is_real_time_across_the_change_to_daylight_saving() {
        var incident = incident(SEV_1, AZURE_VM).submittedAt(local("2026-03-29T01:50", BERLIN));
        assertThat(decide(contractIn(location("Europe/Berlin", "DE", null)), incident).dueAt())
                .as("01:50 CET + 900 s = 03:05 CEST").isEqualTo("2026-03-29T01:05:00Z");
    }

    // ---- closing time (7.15) and the next opening (section 2) ----

    @Test
    void a_deadline_landing_exactly_on_closing_time_stays_at_closing_time() {
        var decision = decide(contractIn(JAKARTA), incident(B, EXCHANGE_SERVER).submittedAt(jakarta("2026-11-18T15:30")));
        assertThat(decision.dueAt()).as("Wed 17:30 WIB, not Thu 09:00").isEqualTo("2026-11-18T10:30:00Z");
        assertThat(decision.explanation()).contains("due Wed 2026-11-18 17:30 +07:00");
    }

    @Test
    void a_business_hours_clock_started_outside_business_hours_starts_at_the_next_opening() {
        assertThat(sevBDueAt(JAKARTA, jakarta("2026-11-21T10:00")))
                .as("Saturday: counts from Mon 09:00, due Mon 2026-11-23 11:00 WIB").isEqualTo("2026-11-23T04:00:00Z");
    }
}
