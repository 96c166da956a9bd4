package dev.incidentsla.projection.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaClock;
import dev.incidentsla.api.SlaTimer;
import dev.incidentsla.api.TimerParty;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.incident.FirstResponseAtRisk;
import dev.incidentsla.api.incident.FirstResponseBreached;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.api.incident.TimerAtRisk;
import dev.incidentsla.api.incident.TimerBreached;
import dev.incidentsla.api.incident.TimerId;
import dev.incidentsla.projection.settings.ProjectionProperties;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The record value exactly as API.md shows it, read back from what the producer's serializer writes. */
class AlertCloudEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant SUBMITTED = Instant.parse("2026-11-20T09:15:00Z");
    private static final Instant AT_RISK = Instant.parse("2026-11-20T10:45:00Z");
    private static final Instant DUE = Instant.parse("2026-11-20T11:15:00Z");

    private final ProjectionProperties properties = new ProjectionProperties("/incident-sla/sla-projection",
            "incident.sla.breaches", "incident.sla.warnings", new ProjectionProperties.Kafka("localhost:9092", true, null),
            Duration.ofMillis(25), Duration.ofSeconds(5));
    private final AlertCloudEvents cloudEvents = new AlertCloudEvents(properties);

    private static FirstResponseBreached breach(Instant dueAt, Instant detectedAt) {
        return new FirstResponseBreached(new IncidentId("INC-0001"), new ContractId("contoso"), Severity.B,
                "azure-virtual-machines", "UNIFIED", "unified.sev-b.business-hours", Duration.ofHours(2), SlaClock.BUSINESS_HOURS,
                SUBMITTED, dueAt, detectedAt);
    }

    private static FirstResponseAtRisk atRisk(Instant detectedAt) {
        return new FirstResponseAtRisk(new IncidentId("INC-0001"), new ContractId("contoso"), Severity.SEV_1,
                "azure-virtual-machines", "UNIFIED", "unified.sev-1.azure", Duration.ofMinutes(15), SlaClock.ROUND_THE_CLOCK,
                SUBMITTED, AT_RISK, DUE, detectedAt);
    }

    /** What the producer puts on the wire: value bytes and headers, through its own serializer configuration. */
    private record Serialized(JsonNode value, RecordHeaders headers) {
    }

    private Serialized serialize(Alert alert) throws Exception {
        try (CloudEventSerializer serializer = new CloudEventSerializer()) {
            serializer.configure(new AlertPublisher(properties, Clock.systemUTC()).producerConfig(), false);
            RecordHeaders headers = new RecordHeaders();
            byte[] value = serializer.serialize(alert.topic(), headers, alert.event());
            return new Serialized(JSON.readTree(value), headers);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void a_breach_is_the_structured_cloud_event_of_api_md_with_a_stable_id_and_the_incident_as_key() throws Exception {
        Instant detected = Instant.parse("2026-11-20T11:15:00.123456Z");
        Alert alert = cloudEvents.breach(breach(DUE, detected));
        Serialized record = serialize(alert);

        List<Header> headers = new ArrayList<>();
        record.headers().forEach(headers::add);
        assertThat(headers).extracting(Header::key).containsExactly("content-type");
        assertThat(new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo("application/cloudevents+json");

        JsonNode event = record.value();
        assertThat(fieldNames(event)).containsExactlyInAnyOrder("specversion", "id", "source", "type", "subject", "time",
                "datacontenttype", "data");
        assertThat(event.get("specversion").asText()).isEqualTo("1.0");
        assertThat(event.get("id").asText()).isEqualTo("breach:INC-0001:2026-11-20T11:15:00Z");
        assertThat(event.get("source").asText()).isEqualTo("/incident-sla/sla-projection");
        assertThat(event.get("type").asText()).isEqualTo("incident.sla.first-response.breached");
        assertThat(event.get("subject").asText()).isEqualTo("INC-0001");
        assertThat(event.get("time").asText()).isEqualTo("2026-11-20T11:15:00.123456Z");
        assertThat(event.get("datacontenttype").asText()).isEqualTo("application/json");
        JsonNode data = event.get("data");
        assertThat(data.isObject()).as("data is a JSON object, neither a string nor base64").isTrue();
        assertThat(fieldNames(data)).containsExactly("incidentId", "contractId", "severity", "product", "program", "rule",
                "target", "clock", "submittedAt", "dueAt", "detectedAt");
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
        assertThat(data.get("detectedAt").asText()).isEqualTo("2026-11-20T11:15:00.123456Z");

        assertThat(alert.topic()).isEqualTo("incident.sla.breaches");
        assertThat(alert.key()).isEqualTo("INC-0001");
        assertThat(alert.deadline()).isEqualTo(DUE);
        assertThat(cloudEvents.breach(breach(DUE, detected.plusSeconds(5))).id()).as("a repeat is the same alert").isEqualTo(alert.id());
    }

    @Test
    void the_id_names_the_deadline_to_the_microsecond_as_alerts_published_before_deadlines_were_facts_did() throws Exception {
        Instant nanos = Instant.parse("2026-11-20T11:15:00.123456789Z");
        JsonNode event = serialize(cloudEvents.breach(breach(nanos, nanos.plusSeconds(1)))).value();
        assertThat(event.get("id").asText()).isEqualTo("breach:INC-0001:2026-11-20T11:15:00.123456Z");
    }

    @Test
    void the_time_attribute_is_the_detection_instant_whatever_its_precision() throws Exception {
        Instant detected = Instant.parse("2026-11-20T11:15:00.120Z");
        JsonNode event = serialize(cloudEvents.breach(breach(DUE, detected))).value();
        assertThat(Instant.parse(event.get("time").asText())).isEqualTo(detected);
        assertThat(event.get("data").get("detectedAt").asText()).isEqualTo("2026-11-20T11:15:00.120Z");
    }

    @Test
    void an_at_risk_warning_goes_to_the_warnings_topic_with_its_own_type_and_the_at_risk_instant() throws Exception {
        Instant detected = AT_RISK.plusMillis(7);
        Alert alert = cloudEvents.warning(atRisk(detected));
        JsonNode event = serialize(alert).value();
        assertThat(event.get("type").asText()).isEqualTo("incident.sla.first-response.at-risk");
        assertThat(event.get("id").asText()).isEqualTo("at-risk:INC-0001:2026-11-20T11:15:00Z");
        assertThat(event.get("subject").asText()).isEqualTo("INC-0001");
        JsonNode data = event.get("data");
        assertThat(fieldNames(data)).containsExactly("incidentId", "contractId", "severity", "product", "program", "rule",
                "target", "clock", "submittedAt", "dueAt", "atRiskAt", "detectedAt");
        assertThat(data.get("severity").asText()).isEqualTo("1");
        assertThat(data.get("target").asText()).isEqualTo("PT15M");
        assertThat(data.get("clock").asText()).isEqualTo("ROUND_THE_CLOCK");
        assertThat(data.get("atRiskAt").asText()).isEqualTo("2026-11-20T10:45:00Z");
        assertThat(data.get("detectedAt").asText()).isEqualTo("2026-11-20T10:45:00.007Z");
        assertThat(alert.topic()).isEqualTo("incident.sla.warnings");
        assertThat(alert.deadline()).as("a warning's latency counts from the at-risk instant").isEqualTo(AT_RISK);
    }

    @Test
    void an_instant_rfc_3339_cannot_write_makes_the_event_unpublishable() {
        Instant tenThousand = Instant.parse("+10000-01-01T00:00:00Z");
        assertThatThrownBy(() -> cloudEvents.breach(breach(tenThousand, DUE.plusSeconds(1))))
                .isInstanceOf(UnpublishableAlertException.class).hasMessageContaining("RFC 3339");
        assertThatThrownBy(() -> cloudEvents.breach(breach(DUE, Instant.parse("0000-12-31T23:59:59Z"))))
                .isInstanceOf(UnpublishableAlertException.class);
        assertThatThrownBy(() -> cloudEvents.breach(breach(null, DUE)))
                .isInstanceOf(UnpublishableAlertException.class).hasMessageContaining("dueAt");
    }

    @Test
    void the_first_and_last_writable_years_are_published() throws Exception {
        Instant yearOne = Instant.parse("0001-01-01T00:00:00Z");
        JsonNode event = serialize(cloudEvents.breach(breach(yearOne, DUE))).value();
        assertThat(event.get("id").asText()).isEqualTo("breach:INC-0001:0001-01-01T00:00:00Z");
        assertThat(event.get("data").get("dueAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
        Instant lastYear = Instant.parse("9999-12-31T23:59:59Z");
        assertThat(serialize(cloudEvents.breach(breach(DUE, lastYear))).value().get("time").asText())
                .isEqualTo("9999-12-31T23:59:59Z");
    }

    @Test
    void a_timers_breach_names_its_timer_and_party_with_a_type_per_timer_and_an_id_per_timer_instance() throws Exception {
        Instant detected = DUE.plusMillis(3);
        Instant asked = SUBMITTED.plusSeconds(600);
        Alert alert = cloudEvents.breach(new TimerBreached(new IncidentId("INC-0001"), new TimerId("customer-change-control-2"),
                SlaTimer.CUSTOMER_CHANGE_CONTROL, TimerParty.CUSTOMER, new ContractId("contoso"), Severity.B,
                "azure-virtual-machines", "UNIFIED", "customer.sev-b.change-control", "PT4H", SlaClock.BUSINESS_HOURS,
                SUBMITTED, asked, DUE, detected));
        JsonNode value = serialize(alert).value();
        assertThat(alert.topic()).isEqualTo("incident.sla.breaches");
        assertThat(alert.kind()).isEqualTo(AlertKind.BREACH);
        assertThat(value.get("type").asText()).isEqualTo("incident.sla.customer-change-control.breached");
        assertThat(value.get("id").asText()).isEqualTo("breach:INC-0001:customer-change-control-2:" + DUE);
        assertThat(value.get("subject").asText()).isEqualTo("INC-0001");
        JsonNode data = value.get("data");
        assertThat(fieldNames(data)).as("the first response's fields in their order, the timer's added")
                .containsExactly("incidentId", "contractId", "severity", "product", "program", "timer", "timerId", "party",
                        "rule", "target", "clock", "submittedAt", "startedAt", "dueAt", "detectedAt");
        assertThat(data.get("program").asText()).isEqualTo("UNIFIED");
        assertThat(data.get("timer").asText()).isEqualTo("CUSTOMER_CHANGE_CONTROL");
        assertThat(data.get("timerId").asText()).isEqualTo("customer-change-control-2");
        assertThat(data.get("party").asText()).isEqualTo("CUSTOMER");
        assertThat(data.get("target").asText()).isEqualTo("PT4H");
        assertThat(data.get("submittedAt").asText()).isEqualTo(SUBMITTED.toString());
        assertThat(data.get("startedAt").asText()).isEqualTo(asked.toString());
        assertThat(alert.timer()).isEqualTo(SlaTimer.CUSTOMER_CHANGE_CONTROL);
        assertThat(alert.party()).as("tags the metrics").isEqualTo(TimerParty.CUSTOMER);
        assertThat(data.get("dueAt").asText()).isEqualTo(DUE.toString());
        assertThat(data.get("detectedAt").asText()).isEqualTo(detected.toString());
        assertThat(data.has("atRiskAt")).isFalse();
    }

    @Test
    void a_timers_warning_goes_to_the_warnings_topic_with_its_at_risk_instant() throws Exception {
        Alert alert = cloudEvents.warning(new TimerAtRisk(new IncidentId("INC-0001"), new TimerId("crit-sit-assignment-1"),
                SlaTimer.CRIT_SIT_ASSIGNMENT, TimerParty.MICROSOFT, new ContractId("contoso"), Severity.SEV_1,
                "azure-virtual-machines", "AZURE_EVENT_MCS", "event-mcs.crit-sit-assignment", "PT30M",
                SlaClock.ROUND_THE_CLOCK, SUBMITTED, SUBMITTED, AT_RISK, DUE, AT_RISK.plusMillis(2)));
        JsonNode value = serialize(alert).value();
        assertThat(alert.topic()).isEqualTo("incident.sla.warnings");
        assertThat(value.get("type").asText()).isEqualTo("incident.sla.crit-sit-assignment.at-risk");
        assertThat(value.get("id").asText()).isEqualTo("at-risk:INC-0001:crit-sit-assignment-1:" + DUE);
        JsonNode data = value.get("data");
        assertThat(fieldNames(data)).containsExactly("incidentId", "contractId", "severity", "product", "program", "timer",
                "timerId", "party", "rule", "target", "clock", "submittedAt", "startedAt", "dueAt", "atRiskAt", "detectedAt");
        assertThat(data.get("atRiskAt").asText()).isEqualTo(AT_RISK.toString());
        assertThat(data.get("party").asText()).isEqualTo("MICROSOFT");
        assertThat(data.get("program").asText()).isEqualTo("AZURE_EVENT_MCS");
    }
}
