package dev.incidentsla.service.web;

import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.service.EventHistory;
import dev.incidentsla.service.LastSequences;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several aggregates' last sequence numbers in one query on the service's PostgreSQL, as each alone reads them. Beside
 * the API tests for their running service, whose contracts and incidents it reads.
 */
class LastSequencesApiTest extends ApiTestSupport {

    @Autowired
    LastSequences lastSequences;

    @Autowired
    EventHistory history;

    @Test
    void each_aggregate_s_last_sequence_as_read_alone_and_none_for_one_without_events() {
        String registered = jakartaContract("{\"program\": \"UER\"}");
        String amended = putContract("fabrikam-" + suffix, """
                {"customerName": "Fabrikam", "supportLocation": {"timeZone": "Asia/Jakarta", "country": "ID"},
                 "programs": [{"program": "UER"}]}""");
        putContract(amended, """
                {"customerName": "Fabrikam", "supportLocation": {"timeZone": "Asia/Jakarta", "country": "ID"},
                 "programs": [{"program": "UER"}, {"program": "AZURE_RAPID_RESPONSE"}]}""");
        String incident = "INC-seq-" + suffix;
        openIncident(incident, registered, "B", "2026-11-20T10:00:00Z").expectStatus().isCreated();
        post("/api/v1/incidents/{id}/regrade", "{\"severity\": \"A\"}", incident).expectStatus().isOk();
        List<Object> aggregates = List.of(new ContractId(registered), new ContractId(amended), new IncidentId(incident),
                new ContractId("never-" + suffix), new ContractId(registered));

        Map<Object, Long> found = lastSequences.of(aggregates);

        IncidentId incidentAggregate = new IncidentId(incident);
        assertThat(found).containsOnly(Map.entry(new ContractId(registered), 0L), Map.entry(new ContractId(amended), 1L),
                Map.entry(incidentAggregate, history.lastSequence(incidentAggregate).orElseThrow()));
        assertThat(found.get(incidentAggregate)).as("the opening and the re-grade at least").isPositive();
        assertThat(lastSequences.of(List.of())).isEmpty();
    }
}
