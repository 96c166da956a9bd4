package dev.incidentsla.projection.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentsla.api.FirstResponseStatus;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaClock;
import dev.incidentsla.projection.ProjectionProperties;
import dev.incidentsla.projection.readmodel.SlaRow;
import dev.incidentsla.projection.schedule.AlertKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CloudEventsTest {

    private final CloudEvents cloudEvents = new CloudEvents(new ProjectionProperties("/incident-sla/sla-projection",
            "incident.sla.breaches", "incident.sla.warnings", new ProjectionProperties.Kafka("localhost:9092", null), 200,
            Duration.ofSeconds(30)));

    private final SlaRow row = new SlaRow("INC-0001", "contoso", Severity.B, "azure-virtual-machines", "UNIFIED",
            "unified.sev-b.business-hours", Duration.ofHours(2), SlaClock.BUSINESS_HOURS, Instant.parse("2026-11-20T09:15:00Z"),
            Instant.parse("2026-11-20T11:15:00Z"), Instant.parse("2026-11-20T10:45:00Z"), FirstResponseStatus.PENDING, null, null,
            null, 0);

    @Test
    void a_breach_is_the_cloud_event_of_api_md_with_a_stable_id_and_the_incident_as_key() throws Exception {
        Instant detected = Instant.parse("2026-11-20T11:15:00.120Z");
        AlertOutbox.Alert alert = cloudEvents.alert(AlertKind.BREACH, row, detected);
        JsonNode event = new ObjectMapper().readTree(alert.payload());
        List<String> fields = new ArrayList<>();
        event.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("specversion", "id", "source", "type", "subject", "time", "datacontenttype", "data");
        assertThat(event.get("specversion").asText()).isEqualTo("1.0");
        assertThat(event.get("id").asText()).isEqualTo("breach:INC-0001:2026-11-20T11:15:00Z");
        assertThat(event.get("source").asText()).isEqualTo("/incident-sla/sla-projection");
        assertThat(event.get("type").asText()).isEqualTo("incident.sla.first-response.breached");
        assertThat(event.get("subject").asText()).isEqualTo("INC-0001");
        assertThat(event.get("time").asText()).isEqualTo("2026-11-20T11:15:00.120Z");
        assertThat(event.get("datacontenttype").asText()).isEqualTo("application/json");
        JsonNode data = event.get("data");
        assertThat(data.get("incidentId").asText()).isEqualTo("INC-0001");
        assertThat(data.get("contractId").asText()).isEqualTo("contoso");
        assertThat(data.get("severity").asText()).isEqualTo("B");
        assertThat(data.get("product").asText()).isEqualTo("azure-virtual-machines");
        assertThat(data.get("program").asText()).isEqualTo("UNIFIED");
        assertThat(data.get("rule").asText()).isEqualTo("unified.sev-b.business-hours");
        assertThat(data.get("target").asText()).isEqualTo("PT2H");
        assertThat(data.get("clock").asText()).isEqualTo("BUSINESS_HOURS");
        assertThat(data.get("submittedAt").asText()).isEqualTo("2026-11-20T09:15:00Z");
        assertThat(data.get("dueAt").asText()).isEqualTo("2026-11-20T11:15:00Z");
        assertThat(data.get("detectedAt").asText()).isEqualTo("2026-11-20T11:15:00.120Z");
        assertThat(alert.topic()).isEqualTo("incident.sla.breaches");
        assertThat(alert.key()).isEqualTo("INC-0001");
        assertThat(cloudEvents.alert(AlertKind.BREACH, row, detected.plusSeconds(5)).alertId()).isEqualTo(alert.alertId());
    }

    @Test
    void an_at_risk_warning_goes_to_the_warnings_topic_with_its_own_type() throws Exception {
        AlertOutbox.Alert alert = cloudEvents.alert(AlertKind.WARNING, row, Instant.parse("2026-11-20T10:45:00Z"));
        JsonNode event = new ObjectMapper().readTree(alert.payload());
        assertThat(event.get("type").asText()).isEqualTo("incident.sla.first-response.at-risk");
        assertThat(event.get("id").asText()).isEqualTo("at-risk:INC-0001:2026-11-20T11:15:00Z");
        assertThat(event.get("data").get("atRiskAt").asText()).isEqualTo("2026-11-20T10:45:00Z");
        assertThat(alert.topic()).isEqualTo("incident.sla.warnings");
    }
}
