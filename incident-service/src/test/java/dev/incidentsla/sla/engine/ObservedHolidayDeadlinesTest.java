package dev.incidentsla.sla.engine;

import dev.incidentsla.api.SlaDecision;
import dev.incidentsla.api.contract.SupportLocation;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static dev.incidentsla.api.Severity.B;
import static dev.incidentsla.api.Severity.C;
import static dev.incidentsla.api.SlaClock.BUSINESS_HOURS;
import static dev.incidentsla.sla.engine.EngineFixture.AZURE_VM;
import static dev.incidentsla.sla.engine.EngineFixture.UNIFIED;
import static dev.incidentsla.sla.engine.EngineFixture.contractIn;
import static dev.incidentsla.sla.engine.EngineFixture.deadline;
import static dev.incidentsla.sla.engine.EngineFixture.deadlineOf;
import static dev.incidentsla.sla.engine.EngineFixture.decide;
import static dev.incidentsla.sla.engine.EngineFixture.hours;
import static dev.incidentsla.sla.engine.EngineFixture.incident;
import static dev.incidentsla.sla.engine.EngineFixture.local;
import static dev.incidentsla.sla.engine.EngineFixture.location;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SLA-RULES section 2: a public holiday removes the whole local day, and a holiday the law moves off a weekend removes
 * the day it is observed on. Business hours are the policy's default, Monday to Friday 09:00 to 17:30.
 */
class ObservedHolidayDeadlinesTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");

    private static final ContractTerms IN_NEW_YORK = contractIn(location("America/New_York", "US", null));
    private static final ContractTerms IN_LONDON = contractIn(location("Europe/London", "GB", null));
    private static final ContractTerms IN_SYDNEY = contractIn(location("Australia/Sydney", "AU", "NSW"));

    @Test
    void a_us_sev_c_submitted_on_the_eve_of_observed_independence_day_is_due_the_monday_after() {
        var incident = incident(C, AZURE_VM).submittedAt(local("2026-07-02T16:00", NEW_YORK));
        SlaDecision decision = decide(IN_NEW_YORK, incident);
        assertThat(deadlineOf(IN_NEW_YORK, incident))
                .as("Thu 2 July 16:00 EDT: 1h30m Thursday, Fri 3 July observed, weekend, 2h30m Monday: 11:30 EDT")
                .isEqualTo(deadline(UNIFIED, "unified.sev-c.business-hours", hours(4), BUSINESS_HOURS, "2026-07-06T15:30:00Z"));
        assertThat(decision.explanation()).contains("Independence Day (observed)");
    }

    @Test
    void a_us_holiday_of_next_year_observed_on_new_years_eve_moves_the_deadline_into_january() {
        var incident = incident(C, AZURE_VM).submittedAt(local("2027-12-30T16:00", NEW_YORK));
        assertThat(deadlineOf(IN_NEW_YORK, incident))
                .as("Thu 30 Dec 2027 16:00 EST: 1h30m Thursday, Fri 31 Dec closed for New Year's Day 2028 (a Saturday), "
                        + "weekend, 2h30m on Mon 3 Jan 2028: 11:30 EST")
                .isEqualTo(deadline(UNIFIED, "unified.sev-c.business-hours", hours(4), BUSINESS_HOURS, "2028-01-03T16:30:00Z"));
    }

    @Test
    void a_gb_sev_b_before_christmas_2026_skips_the_boxing_day_substitute() {
        var incident = incident(B, AZURE_VM).submittedAt(local("2026-12-24T17:00", LONDON));
        assertThat(deadlineOf(IN_LONDON, incident))
                .as("Thu 24 Dec 17:00 GMT: 30m Thursday, Fri 25 Christmas, weekend, Mon 28 substitute, 1h30m Tuesday")
                .isEqualTo(deadline(UNIFIED, "unified.sev-b.business-hours", hours(2), BUSINESS_HOURS, "2026-12-29T10:30:00Z"));
    }

    @Test
    void a_gb_sev_b_before_christmas_2027_skips_both_substitute_days() {
        var incident = incident(B, AZURE_VM).submittedAt(local("2027-12-24T17:00", LONDON));
        assertThat(deadlineOf(IN_LONDON, incident))
                .as("Fri 24 Dec 17:00 GMT: 30m Friday, weekend, Mon 27 and Tue 28 substitutes, 1h30m Wednesday")
                .isEqualTo(deadline(UNIFIED, "unified.sev-b.business-hours", hours(2), BUSINESS_HOURS, "2027-12-29T10:30:00Z"));
    }

    @Test
    void a_sydney_sev_b_before_christmas_2026_skips_the_additional_boxing_day_monday() {
        var incident = incident(B, AZURE_VM).submittedAt(local("2026-12-24T17:00", SYDNEY));
        assertThat(deadlineOf(IN_SYDNEY, incident))
                .as("Thu 24 Dec 17:00 AEDT: 30m Thursday, Fri 25 Christmas, Sat 26 Boxing Day, Mon 28 additional day, "
                        + "1h30m Tuesday: 10:30 AEDT")
                .isEqualTo(deadline(UNIFIED, "unified.sev-b.business-hours", hours(2), BUSINESS_HOURS, "2026-12-28T23:30:00Z"));
    }

    @Test
    void a_location_working_the_observed_day_lists_it_as_a_working_day() {
        SupportLocation newYorkOpenOnTheThird = new SupportLocation("America/New_York", "US", null, null, null, null, null,
                List.of(LocalDate.parse("2026-07-03")));
        var incident = incident(C, AZURE_VM).submittedAt(local("2026-07-02T16:00", NEW_YORK));
        assertThat(deadlineOf(contractIn(newYorkOpenOnTheThird), incident).dueAt())
                .as("1h30m Thursday, 2h30m on Friday 3 July: 11:30 EDT")
                .isEqualTo("2026-07-03T15:30:00Z");
    }
}
