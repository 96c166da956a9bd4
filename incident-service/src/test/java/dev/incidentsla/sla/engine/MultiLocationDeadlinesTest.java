package dev.incidentsla.sla.engine;

import dev.incidentsla.api.contract.SupportLocation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static dev.incidentsla.api.Severity.B;
import static dev.incidentsla.sla.engine.EngineFixture.AZURE_VM;
import static dev.incidentsla.sla.engine.EngineFixture.ENGINE;
import static dev.incidentsla.sla.engine.EngineFixture.decide;
import static dev.incidentsla.sla.engine.EngineFixture.incident;
import static dev.incidentsla.sla.engine.EngineFixture.jakarta;
import static dev.incidentsla.sla.engine.EngineFixture.local;
import static dev.incidentsla.sla.engine.EngineFixture.utc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A contract supported from several locations (the seeds' multi-country programme): a host location, the primary, and
 * downstream ones. An incident's business-hours deadline walks the calendar of the location it names, in that
 * location's zone, with that country's holidays; naming none, the primary's.
 */
class MultiLocationDeadlinesTest {

    private static final SupportLocation SINGAPORE = SupportLocation.of("Asia/Singapore", "SG").withId("singapore");
    private static final SupportLocation JAKARTA = SupportLocation.of("Asia/Jakarta", "ID").withId("jakarta");
    private static final SupportLocation AMSTERDAM = SupportLocation.of("Europe/Amsterdam", "NL").withId("amsterdam");

    /** Host in Singapore (primary, UTC+8), downstream in Jakarta (UTC+7) and Amsterdam (CET/CEST). */
    private static final ContractTerms PROGRAMME = new ContractTerms("programme", 1, SINGAPORE,
            List.of(SINGAPORE, JAKARTA, AMSTERDAM), List.of());

    private static IncidentFacts sevBFrom(String locationId, Instant submittedAt) {
        IncidentFacts facts = incident(B, AZURE_VM).submittedAt(submittedAt);
        return new IncidentFacts(facts.severity(), facts.product(), facts.channel(), facts.aroundTheClock(),
                facts.eventId(), facts.submittedAt(), locationId);
    }

    @Test
    void a_downstream_location_counts_its_own_business_hours_and_public_holidays() {
        // Wed 23 Dec 17:00 Jakarta: 30 min that day; Thu 24 (Cuti Bersama) and Fri 25 (Christmas) are Indonesian
        // holidays, then the weekend: 1h30 from Mon 28 Dec 09:00 Jakarta.
        assertThat(decide(PROGRAMME, sevBFrom("jakarta", jakarta("2026-12-23T17:00"))).dueAt())
                .isEqualTo(jakarta("2026-12-28T10:30"));
    }

    @Test
    void an_incident_naming_no_location_is_supported_from_the_primary() {
        // The same instant is 18:00 in Singapore, after closing: 2 h from Thu 24 Dec 09:00 Singapore.
        assertThat(decide(PROGRAMME, sevBFrom(null, jakarta("2026-12-23T17:00"))).dueAt())
                .isEqualTo(utc("2026-12-24T03:00:00Z"));
        assertThat(decide(PROGRAMME, sevBFrom("singapore", jakarta("2026-12-23T17:00"))).dueAt())
                .isEqualTo(utc("2026-12-24T03:00:00Z"));
    }

    @Test
    void a_european_location_follows_its_daylight_saving_change() {
        // Fri 23 Oct 2026 17:00 CEST (UTC+2): 30 min that day; summer time ends on Sun 25 Oct; 1h30 from Mon 26 Oct
        // 09:00 CET (UTC+1): 10:30 CET is 09:30 UTC, not the 08:30 a fixed summer offset would give.
        ZoneId amsterdam = ZoneId.of("Europe/Amsterdam");
        assertThat(decide(PROGRAMME, sevBFrom("amsterdam", local("2026-10-23T17:00", amsterdam))).dueAt())
                .isEqualTo(utc("2026-10-26T09:30:00Z"));
    }

    @Test
    void the_explanation_names_the_location_and_walks_in_its_zone() {
        assertThat(decide(PROGRAMME, sevBFrom("jakarta", jakarta("2026-12-23T17:00"))).explanation()).contains(
                "Support location jakarta (ID, Asia/Jakarta)",
                "skipped Thu 2026-12-24 (public holiday",
                "due Mon 2026-12-28 10:30 +07:00");
    }

    @Test
    void the_engine_exposes_the_calendar_every_business_hours_timer_of_the_incident_walks() {
        assertThat(ENGINE.calendarFor(PROGRAMME, sevBFrom("amsterdam", utc("2026-10-23T15:00:00Z"))).zone())
                .isEqualTo(ZoneId.of("Europe/Amsterdam"));
        assertThat(ENGINE.calendarFor(PROGRAMME, sevBFrom(null, utc("2026-10-23T15:00:00Z"))).zone())
                .isEqualTo(ZoneId.of("Asia/Singapore"));
    }

    @Test
    void a_location_the_contract_does_not_have_is_refused() {
        assertThatThrownBy(() -> decide(PROGRAMME, sevBFrom("manila", jakarta("2026-12-23T17:00"))))
                .isInstanceOf(UnknownLocationException.class)
                .hasMessageContaining("no support location 'manila'")
                .hasMessageContaining("singapore, jakarta, amsterdam");
    }

    @Test
    void a_contract_with_one_location_given_no_id_calls_it_primary_and_decides_as_before() {
        ContractTerms oneLocation = new ContractTerms("contoso", 1, SupportLocation.of("Asia/Jakarta", "ID"), List.of());
        assertThat(oneLocation.locations()).extracting(SupportLocation::id).containsExactly("primary");
        IncidentFacts unnamed = sevBFrom(null, jakarta("2026-12-23T17:00"));
        assertThat(decide(oneLocation, sevBFrom("primary", jakarta("2026-12-23T17:00"))).dueAt())
                .isEqualTo(decide(oneLocation, unnamed).dueAt())
                .isEqualTo(jakarta("2026-12-28T10:30"));
    }

    // ---- the contract's locations are checked when it is registered ----

    private static void assertRefused(SupportLocation primary, List<SupportLocation> locations, String reason) {
        assertThatThrownBy(() -> ENGINE.validate(new ContractTerms("programme", 1, primary, locations, List.of())))
                .isInstanceOf(InvalidContractException.class).hasMessageContaining(reason);
    }

    @Test
    void several_locations_with_distinct_ids_and_the_primary_among_them_are_accepted() {
        assertThatCode(() -> ENGINE.validate(PROGRAMME)).doesNotThrowAnyException();
        assertThatCode(() -> ENGINE.validate(new ContractTerms("programme", 1, null, List.of(JAKARTA, SINGAPORE), List.of())))
                .as("without supportLocation the first is the primary").doesNotThrowAnyException();
    }

    @Test
    void an_id_listed_twice_is_refused() {
        assertRefused(SINGAPORE, List.of(SINGAPORE, JAKARTA, AMSTERDAM.withId("jakarta")),
                "support location id 'jakarta' is listed twice");
    }

    @Test
    void a_location_of_several_without_an_id_is_refused() {
        assertRefused(SINGAPORE, List.of(SINGAPORE, JAKARTA.withId(null)), "supportLocations[1].id is required");
    }

    @Test
    void a_primary_that_is_none_of_the_locations_is_refused() {
        assertRefused(AMSTERDAM, List.of(SINGAPORE, JAKARTA), "must be one of supportLocations");
        assertRefused(AMSTERDAM.withId(null), List.of(SINGAPORE, JAKARTA), "must be one of supportLocations");
    }

    @Test
    void a_primary_whose_settings_differ_from_its_entry_is_refused() {
        assertRefused(SupportLocation.of("Asia/Singapore", "MY").withId("singapore"), List.of(SINGAPORE, JAKARTA),
                "differs from the entry of supportLocations");
    }

    @Test
    void an_unusable_downstream_location_is_named_in_the_refusal() {
        assertRefused(SINGAPORE, List.of(SINGAPORE, SupportLocation.of("Asia/Atlantis", "ID").withId("atlantis")),
                "supportLocations[1] ('atlantis'): unknown time zone 'Asia/Atlantis'");
    }
}
