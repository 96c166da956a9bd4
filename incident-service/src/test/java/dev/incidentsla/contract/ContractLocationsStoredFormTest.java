package dev.incidentsla.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentsla.api.Channel;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.contract.ContractAmended;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.contract.ContractRegistered;
import dev.incidentsla.api.contract.ProgramEntitlement;
import dev.incidentsla.api.contract.SupportLocation;
import dev.incidentsla.eventstore.EventStoreConfiguration;
import dev.incidentsla.sla.data.HolidayLibrary;
import dev.incidentsla.sla.data.PolicyFiles;
import dev.incidentsla.sla.engine.ContractTerms;
import dev.incidentsla.sla.engine.IncidentFacts;
import dev.incidentsla.sla.engine.LocationCalendars;
import dev.incidentsla.sla.engine.SlaEngine;
import dev.incidentsla.sla.policy.SlaPolicy;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract versions stored before contracts held several locations (revision 1: one {@code supportLocation}, no id,
 * no {@code supportLocations}) read back through Axon's Jackson 2 mapper as one-location contracts whose location is
 * called {@code primary}, and decide as before; a one-location version recorded now is stored in that same form.
 */
class ContractLocationsStoredFormTest {

    private static final ObjectMapper STORED = EventStoreConfiguration.messageObjectMapper();

    private static final String STORED_BEFORE = """
            {"contractId":"contoso","version":1,"customerName":"Contoso",
             "supportLocation":{"timeZone":"Asia/Jakarta","country":"ID","subdivision":null,"weekendDays":null,
               "businessHours":null,"extraHolidays":null,"removedHolidays":null,"extraWorkingDays":null},
             "programs":[{"program":"UER","effectiveFrom":null,"events":null}],
             "registeredAt":"2026-01-01T00:00:00Z"}""";

    private static SlaEngine engine() {
        SlaPolicy policy = PolicyFiles.bundled();
        return new SlaEngine(policy, new LocationCalendars(policy.locationDefaults(), HolidayLibrary.bundled()));
    }

    @Test
    void a_version_stored_before_reads_back_as_a_contract_with_one_location_called_primary() throws Exception {
        ContractRegistered read = STORED.readValue(STORED_BEFORE, ContractRegistered.class);
        assertThat(read.supportLocations()).isNull();
        assertThat(read.supportLocation().id()).isNull();
        ContractTerms terms = ContractDirectory.terms(read);
        assertThat(terms.location()).isEqualTo(SupportLocation.of("Asia/Jakarta", "ID").withId("primary"));
        assertThat(terms.locations()).containsExactly(terms.location());
    }

    @Test
    void a_version_stored_before_decides_as_before() throws Exception {
        ContractRegistered read = STORED.readValue(STORED_BEFORE, ContractRegistered.class);
        IncidentFacts fridayFivePm = new IncidentFacts(Severity.B, "azure-virtual-machines", Channel.WEB, false, null,
                Instant.parse("2026-11-20T10:00:00Z"));
        SlaEngine engine = engine();
        assertThat(engine.open(ContractDirectory.terms(read), fridayFivePm).decision().dueAt())
                .as("Fri 17:00 Jakarta + 2 business hours: Mon 10:30 Jakarta")
                .isEqualTo(Instant.parse("2026-11-23T03:30:00Z"))
                .isEqualTo(engine.open(new ContractTerms("contoso", 1, SupportLocation.of("Asia/Jakarta", "ID"),
                        List.of(ProgramEntitlement.of("UER"))), fridayFivePm).decision().dueAt());
    }

    @Test
    void a_version_with_one_location_is_stored_in_the_form_it_always_had() throws Exception {
        ContractRegistered read = STORED.readValue(STORED_BEFORE, ContractRegistered.class);
        JsonNode storedAgain = STORED.valueToTree(new ContractRegistered(read.contractId(), read.version(),
                read.customerName(), read.supportLocation(), read.programs(), read.registeredAt(), null));
        assertThat(storedAgain).isEqualTo(STORED.readTree(STORED_BEFORE));
    }

    @Test
    void a_version_with_several_locations_stores_and_reads_back_their_ids() throws Exception {
        SupportLocation singapore = SupportLocation.of("Asia/Singapore", "SG").withId("singapore");
        SupportLocation jakarta = SupportLocation.of("Asia/Jakarta", "ID").withId("jakarta");
        ContractAmended amended = new ContractAmended(new ContractId("contoso"), 2, "Contoso", singapore,
                List.of(), Instant.parse("2026-06-01T00:00:00Z"), List.of(singapore, jakarta));
        JsonNode stored = STORED.valueToTree(amended);
        assertThat(stored.get("supportLocations").get(1).get("id").asText()).isEqualTo("jakarta");
        assertThat(stored.get("supportLocation").get("id").asText()).isEqualTo("singapore");
        assertThat(STORED.treeToValue(stored, ContractAmended.class)).isEqualTo(amended);
    }
}
