package dev.incidentsla.incident;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.contract.ProgramEntitlement;
import dev.incidentsla.api.incident.IncidentEvent;
import dev.incidentsla.api.incident.IncidentOpened;
import dev.incidentsla.eventstore.EventStoreConfiguration;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.incidentsla.incident.InMemoryContracts.jakartaContract;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Incidents opened before contracts held several locations (revision 1 of {@link IncidentOpened}, without
 * {@code supportLocation}) read back through Axon's Jackson 2 mapper as supported from their contract's primary
 * location, and are decided as they were.
 */
class IncidentOpenedStoredFormTest {

    private static final ObjectMapper STORED = EventStoreConfiguration.messageObjectMapper();

    /** Sev B opened Fri 2026-11-20 17:00 Jakarta, as revision 1 stored it. */
    private static final String STORED_BEFORE = """
            {"incidentId":"INC-0001","contractId":"contoso","contractVersion":1,"title":"VM scale set cannot start",
             "product":"azure-virtual-machines","channel":"WEB","severity":"B","aroundTheClock":false,"eventId":null,
             "submittedAt":"2026-11-20T10:00:00Z",
             "firstResponse":{"program":"UNIFIED","rule":"unified.sev-b.business-hours","target":"PT2H",
               "clock":"BUSINESS_HOURS","clockStartedAt":"2026-11-20T10:00:00Z","dueAt":"2026-11-23T03:30:00Z",
               "atRiskAt":"2026-11-23T03:00:00Z","policyVersion":"2026-11-21.1","contractVersion":1,
               "seniorIncidentManager":false,"explanation":"Sev B on azure-virtual-machines via WEB ..."}}""";

    @Test
    void an_incident_stored_before_reads_back_supported_from_the_primary_location() throws Exception {
        IncidentOpened read = STORED.readValue(STORED_BEFORE, IncidentOpened.class);
        assertThat(read.supportLocation()).isNull();
        IncidentState state = IncidentState.fold(List.<IncidentEvent>of(read));
        assertThat(state.facts().supportLocation()).isNull();
        assertThat(state.view(Instant.parse("2026-11-20T10:00:00Z"), 0).supportLocation()).isEqualTo("primary");
    }

    @Test
    void an_incident_stored_before_is_decided_as_before_under_its_one_location_contract() throws Exception {
        IncidentOpened read = STORED.readValue(STORED_BEFORE, IncidentOpened.class);
        InMemoryContracts contracts = new InMemoryContracts().with(jakartaContract("contoso",
                Instant.parse("2026-01-01T00:00:00Z"), ProgramEntitlement.of("UER")));
        SlaDecisions.Opening again = contracts.decisions().open(new ContractId("contoso"),
                IncidentState.fold(List.<IncidentEvent>of(read)).facts());
        assertThat(again.firstResponse().dueAt()).isEqualTo(read.firstResponse().dueAt());
        assertThat(again.firstResponse().atRiskAt()).isEqualTo(read.firstResponse().atRiskAt());
        assertThat(again.supportLocation()).isEqualTo("primary");
    }

    @Test
    void an_incident_opened_now_stores_its_location() throws Exception {
        ObjectNode tree = (ObjectNode) STORED.readTree(STORED_BEFORE);
        tree.put("supportLocation", "jakarta");
        IncidentOpened read = STORED.treeToValue(tree, IncidentOpened.class);
        assertThat(read.supportLocation()).isEqualTo("jakarta");
        assertThat((JsonNode) STORED.valueToTree(read)).isEqualTo(tree);
    }
}
