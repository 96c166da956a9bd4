package dev.incidentsla.projection.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentsla.localkafka.TopicRecorder;
import dev.incidentsla.projection.SlaProjectionApplication;
import dev.incidentsla.service.IncidentServiceApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The other timers' breaches (SLA-RULES section 9) on real parts, as {@link AlertPipelineTest} does for the first
 * response: a Kafka broker (child process), the incident service and the projection on one embedded PostgreSQL, and a
 * consumer of the breach topic. Each incident is back-dated, so its timer's deadline has passed when the timer starts
 * and the incident records the breach at once.
 */
class TimerAlertPipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BREACHES = "incident.sla.breaches";
    /** A Sev B incident of this Platform MCS contract: Platform MCS sets no Sev B target, so Unified's rule applies. */
    private static final String FIRST_RESPONSE_RULE_OF_SEV_B = "unified.sev-b.business-hours";

    private static KafkaBrokerProcess broker;
    private static ConfigurableApplicationContext incidentService;
    private static ConfigurableApplicationContext projection;
    private static WebTestClient incidents;
    private static WebTestClient dashboards;
    private static TopicRecorder consumer;

    @BeforeAll
    static void startPipeline() throws Exception {
        Path directory = Files.createTempDirectory("timer-alert-pipeline");
        broker = new KafkaBrokerProcess(Files.createDirectories(directory.resolve("kafka")));
        broker.start();
        incidentService = new SpringApplicationBuilder(IncidentServiceApplication.class).run("--server.port=0",
                "--incident-sla.embedded-database.directory=" + directory.resolve("postgres"));
        incidents = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + incidentService.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(30)).build();
        String database = incidentService.getBean(EmbeddedPostgres.class).getJdbcUrl("postgres", "postgres");
        projection = SlaProjectionApplication.application().run("--server.port=0", "--spring.datasource.url=" + database,
                "--sla-projection.kafka.bootstrap-servers=" + broker.bootstrapServers());
        dashboards = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + projection.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(30)).build();
        incidents.put().uri("/api/v1/contracts/fabrikam").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"customerName": "Fabrikam", "supportLocation": {"timeZone": "Asia/Jakarta", "country": "ID"},
                 "programs": [{"program": "AZURE_PLATFORM_MCS", "effectiveFrom": "2026-01-01"}]}""")
                .exchange().expectStatus().isOk();
        consumer = TopicRecorder.start(broker.bootstrapServers(), "timer-pipeline-test", List.of(BREACHES));
    }

    @AfterAll
    static void stopPipeline() throws Exception {
        Teardown.closeInOrder(consumer, projection, incidentService, broker);
    }

    private static String open(String severity, Instant submittedAt) {
        String incident = "INC-TIMER-" + UUID.randomUUID().toString().substring(0, 6);
        incidents.post().uri("/api/v1/incidents").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"incidentId": "%s", "contractId": "fabrikam", "severity": "%s", "product": "azure-virtual-machines",
                 "channel": "PHONE", "submittedAt": "%s"}""".formatted(incident, severity, submittedAt))
                .exchange().expectStatus().isCreated();
        return incident;
    }

    private static JsonNode command(String incident, String command, String body) {
        return json(incidents.post().uri("/api/v1/incidents/{id}/{command}", incident, command)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
    }

    private static JsonNode timer(JsonNode view, String timer) {
        for (JsonNode candidate : view.get("timers")) {
            if (candidate.get("timer").asText().equals(timer)) {
                return candidate;
            }
        }
        throw new AssertionError("no " + timer + " in " + view);
    }

    private static List<JsonNode> breaches(String incident, String type) {
        return consumer.records().stream()
                .filter(record -> record.topic().equals(BREACHES) && incident.equals(record.key()))
                .map(ConsumerRecord::value).map(TimerAlertPipelineTest::json)
                .filter(event -> event.get("type").asText().equals(type))
                .toList();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant daysAgo(long days) {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(days));
    }

    @Test
    void a_platform_mcs_rca_requested_mitigated_and_delivered_late_breaches_once_on_the_topic() {
        Instant submittedAt = daysAgo(30);
        String incident = open("B", submittedAt);
        command(incident, "rca-requested", "{\"at\": \"%s\"}".formatted(submittedAt.plus(Duration.ofHours(1))));
        JsonNode mitigated = command(incident, "mitigated", "{\"at\": \"%s\"}".formatted(submittedAt.plus(Duration.ofHours(2))));
        String dueAt = timer(mitigated, "ROOT_CAUSE_ANALYSIS").get("dueAt").asText();
        JsonNode delivered = command(incident, "rca-delivered", "{}");
        assertThat(timer(delivered, "ROOT_CAUSE_ANALYSIS").get("status").asText()).isEqualTo("BREACHED");

        String type = "incident.sla.root-cause-analysis.breached";
        await().atMost(Duration.ofSeconds(20)).until(() -> !breaches(incident, type).isEmpty());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> breaches(incident, type).size() == 1);
        JsonNode event = breaches(incident, type).get(0);
        assertThat(event.get("id").asText()).isEqualTo("breach:" + incident + ":root-cause-analysis-1:" + dueAt);
        assertThat(event.get("subject").asText()).isEqualTo(incident);
        JsonNode data = event.get("data");
        assertThat(data.get("timer").asText()).isEqualTo("ROOT_CAUSE_ANALYSIS");
        assertThat(data.get("party").asText()).isEqualTo("MICROSOFT");
        assertThat(data.get("program").asText()).as("the program whose coverage makes it apply").isEqualTo("AZURE_PLATFORM_MCS");
        assertThat(data.get("submittedAt").asText()).isEqualTo(submittedAt.toString());
        assertThat(data.get("contractId").asText()).isEqualTo("fabrikam");
        assertThat(data.get("target").asText()).isEqualTo("P10D");
        assertThat(data.get("clock").asText()).isEqualTo("BUSINESS_HOURS");
        assertThat(data.get("startedAt").asText()).isEqualTo(submittedAt.plus(Duration.ofHours(2)).toString());
        assertThat(data.get("dueAt").asText()).isEqualTo(dueAt);
        incidents.get().uri("/api/v1/incidents/{id}", incident).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.timers[1].breachDetectedAt").isEqualTo(data.get("detectedAt").asText());
    }

    @Test
    void a_customer_change_control_breach_goes_out_as_the_customers_and_is_not_among_microsofts_breaches() {
        Instant submittedAt = daysAgo(5);
        String incident = open("B", submittedAt);
        command(incident, "first-response", "{\"respondedAt\": \"%s\"}".formatted(submittedAt.plusSeconds(60)));
        JsonNode asked = command(incident, "customer-requests",
                "{\"kind\": \"CHANGE_CONTROL\", \"at\": \"%s\"}".formatted(submittedAt.plus(Duration.ofHours(1))));
        String dueAt = timer(asked, "CUSTOMER_CHANGE_CONTROL").get("dueAt").asText();

        String type = "incident.sla.customer-change-control.breached";
        await().atMost(Duration.ofSeconds(20)).until(() -> !breaches(incident, type).isEmpty());
        JsonNode event = breaches(incident, type).get(0);
        assertThat(event.get("id").asText()).isEqualTo("breach:" + incident + ":customer-change-control-1:" + dueAt);
        assertThat(event.get("data").get("party").asText()).isEqualTo("CUSTOMER");
        assertThat(event.get("data").get("timer").asText()).isEqualTo("CUSTOMER_CHANGE_CONTROL");
        assertThat(event.get("data").get("program").asText()).as("the incident's first-response program")
                .isEqualTo(asked.get("firstResponse").get("program").asText());
        assertThat(event.get("data").get("submittedAt").asText()).isEqualTo(submittedAt.toString());
        // The first response's own deadline passed before the incident was opened, five days late: its breach may be
        // listed, the customer's never.
        dashboards.get().uri("/api/v1/sla/breaches?since={since}", submittedAt.minus(Duration.ofDays(1))).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.incidentId == '%s' && @.rule != '%s')]".formatted(incident, FIRST_RESPONSE_RULE_OF_SEV_B))
                .doesNotExist();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(prometheus()).as("counted as the customer's")
                .contains("sla_alerts_published_total{kind=\"breach\",party=\"CUSTOMER\",timer=\"CUSTOMER_CHANGE_CONTROL\"} 1.0"));
    }

    private static String prometheus() {
        return dashboards.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }
}
