package dev.incidentsla.projection.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentsla.localkafka.TopicRecorder;
import dev.incidentsla.projection.SlaProjectionApplication;
import dev.incidentsla.projection.alert.SlaAlerts;
import dev.incidentsla.projection.health.Processors;
import dev.incidentsla.projection.readmodel.SlaProjector;
import dev.incidentsla.service.IncidentServiceApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole path on real parts: a Kafka broker (child process), the incident service and the projection on one
 * embedded PostgreSQL, a consumer reading the alert topics. Time is real: deadlines pass while the test waits, the
 * incident records its at-risk and breach facts, and the projection publishes them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertPipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BREACHES = "incident.sla.breaches";
    private static final String WARNINGS = "incident.sla.warnings";

    private static Path directory;
    private static KafkaBrokerProcess broker;
    private static ConfigurableApplicationContext incidentService;
    private static ConfigurableApplicationContext projection;
    private static WebTestClient incidents;
    private static WebTestClient dashboards;
    private static TopicRecorder consumer;

    @BeforeAll
    static void startPipeline() throws Exception {
        directory = Files.createTempDirectory("alert-pipeline");
        broker = new KafkaBrokerProcess(Files.createDirectories(directory.resolve("kafka")));
        broker.start();
        incidentService = new SpringApplicationBuilder(IncidentServiceApplication.class).run("--server.port=0",
                "--incident-sla.embedded-database.directory=" + directory.resolve("postgres"));
        incidents = client(incidentService);
        startProjection();
        incidents.put().uri("/api/v1/contracts/contoso").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"customerName": "Contoso", "supportLocation": {"timeZone": "Asia/Jakarta", "country": "ID"}}""")
                .exchange().expectStatus().isOk();
        consumer = TopicRecorder.start(broker.bootstrapServers(), "pipeline-test", List.of(BREACHES, WARNINGS));
    }

    private static void startProjection() {
        String database = incidentService.getBean(EmbeddedPostgres.class).getJdbcUrl("postgres", "postgres");
        projection = SlaProjectionApplication.application().run("--server.port=0",
                "--spring.datasource.url=" + database,
                "--sla-projection.kafka.bootstrap-servers=" + broker.bootstrapServers());
        dashboards = client(projection);
    }

    @AfterAll
    static void stopPipeline() throws Exception {
        Teardown.closeInOrder(consumer, projection, incidentService, broker);
    }

    private static WebTestClient client(ConfigurableApplicationContext context) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + context.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(30)).build();
    }


    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Instant open(String incidentId, String severity, Instant submittedAt) {
        String body = incidents.post().uri("/api/v1/incidents").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"incidentId": "%s", "contractId": "contoso", "severity": "%s", "product": "azure-virtual-machines",
                 "channel": "PHONE", "submittedAt": "%s"}""".formatted(incidentId, severity, submittedAt))
                .exchange().expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
        return Instant.parse(json(body).get("firstResponse").get("dueAt").asText());
    }

    private static List<ConsumerRecord<String, String>> alerts(String topic, String incidentId) {
        return consumer.records().stream().filter(record -> record.topic().equals(topic) && incidentId.equals(record.key())).toList();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant secondsAgo(long seconds) {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(seconds);
    }

    @Test
    @Order(1)
    void a_sev_1_azure_incident_submitted_14_min_57_s_ago_breaches_about_3_s_later_exactly_once_after_a_warning() {
        String incident = "INC-FAST-" + UUID.randomUUID().toString().substring(0, 6);
        Instant submittedAt = secondsAgo(897);
        Instant dueAt = open(incident, "1", submittedAt);
        assertThat(dueAt).isEqualTo(submittedAt.plus(Duration.ofMinutes(15)));

        await().atMost(Duration.ofSeconds(20)).until(() -> !alerts(BREACHES, incident).isEmpty());
        sleep(Duration.ofSeconds(2));
        List<ConsumerRecord<String, String>> breaches = alerts(BREACHES, incident);
        assertThat(breaches).hasSize(1);
        ConsumerRecord<String, String> record = breaches.get(0);
        assertThat(record.key()).isEqualTo(incident);
        assertThat(new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo("application/cloudevents+json");
        JsonNode event = json(record.value());
        assertThat(event.get("specversion").asText()).isEqualTo("1.0");
        assertThat(event.get("id").asText()).isEqualTo("breach:" + incident + ":" + dueAt);
        assertThat(event.get("source").asText()).isEqualTo("/incident-sla/sla-projection");
        assertThat(event.get("type").asText()).isEqualTo("incident.sla.first-response.breached");
        assertThat(event.get("subject").asText()).isEqualTo(incident);
        assertThat(event.get("datacontenttype").asText()).isEqualTo("application/json");
        JsonNode data = event.get("data");
        assertThat(data.get("incidentId").asText()).isEqualTo(incident);
        assertThat(data.get("contractId").asText()).isEqualTo("contoso");
        assertThat(data.get("severity").asText()).isEqualTo("1");
        assertThat(data.get("product").asText()).isEqualTo("azure-virtual-machines");
        assertThat(data.get("program").asText()).isEqualTo("UNIFIED");
        assertThat(data.get("rule").asText()).isEqualTo("unified.sev-1.azure");
        assertThat(data.get("target").asText()).isEqualTo("PT15M");
        assertThat(data.get("clock").asText()).isEqualTo("ROUND_THE_CLOCK");
        assertThat(data.get("submittedAt").asText()).isEqualTo(submittedAt.toString());
        assertThat(data.get("dueAt").asText()).isEqualTo(dueAt.toString());
        Instant detectedAt = Instant.parse(data.get("detectedAt").asText());
        assertThat(Instant.parse(event.get("time").asText())).isEqualTo(detectedAt);
        // The incident's REST view, the projection's read model and the alert say the same instants to the digit.
        incidents.get().uri("/api/v1/incidents/{id}", incident).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.firstResponse.dueAt").isEqualTo(data.get("dueAt").asText())
                .jsonPath("$.firstResponse.breachDetectedAt").isEqualTo(data.get("detectedAt").asText());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> dashboards.get()
                .uri("/api/v1/sla/breaches?since={since}", dueAt.minusSeconds(60)).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$[?(@.incidentId == '%s')].detectedAt".formatted(incident)).isEqualTo(data.get("detectedAt").asText()));
        assertThat(detectedAt).isAfter(dueAt).isBefore(dueAt.plusSeconds(1));

        List<ConsumerRecord<String, String>> warnings = alerts(WARNINGS, incident);
        assertThat(warnings).hasSize(1);
        JsonNode warning = json(warnings.get(0).value());
        assertThat(warning.get("type").asText()).isEqualTo("incident.sla.first-response.at-risk");
        assertThat(Instant.parse(warning.get("data").get("detectedAt").asText())).isBefore(detectedAt);
    }

    @Test
    @Order(2)
    void a_response_before_the_deadline_yields_no_breach() {
        String incident = "INC-MET-" + UUID.randomUUID().toString().substring(0, 6);
        Instant dueAt = open(incident, "1", secondsAgo(895));
        incidents.post().uri("/api/v1/incidents/{id}/first-response", incident).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"channel\": \"PHONE\", \"engineer\": \"eng-7\"}").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.firstResponse.status").isEqualTo("MET");
        await().atMost(Duration.ofSeconds(20)).until(() -> Instant.now().isAfter(dueAt.plusSeconds(3)));
        assertThat(alerts(BREACHES, incident)).isEmpty();
        dashboards.get().uri("/api/v1/sla/pending").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain(incident));
    }

    @Test
    @Order(3)
    void a_back_dated_import_whose_deadline_passed_long_ago_alerts_at_once_and_says_when_it_was_detected() {
        String incident = "INC-IMPORT-" + UUID.randomUUID().toString().substring(0, 6);
        Instant before = Instant.now();
        Instant dueAt = open(incident, "A", secondsAgo(3 * 3600));
        await().atMost(Duration.ofSeconds(10)).until(() -> !alerts(BREACHES, incident).isEmpty());
        JsonNode data = json(alerts(BREACHES, incident).get(0).value()).get("data");
        assertThat(Instant.parse(data.get("dueAt").asText())).isEqualTo(dueAt);
        assertThat(Instant.parse(data.get("detectedAt").asText())).isAfter(before).isBefore(Instant.now());
        assertThat(alerts(WARNINGS, incident)).as("a breach long past says it all").isEmpty();
        dashboards.get().uri("/api/v1/sla/breaches?since={since}", before.minusSeconds(1)).exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains(incident));
    }

    @Test
    @Order(4)
    void an_alert_due_while_kafka_is_down_is_held_by_its_event_and_goes_out_when_kafka_returns() throws Exception {
        String incident = "INC-OUTAGE-" + UUID.randomUUID().toString().substring(0, 6);
        broker.stop();
        try {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> dashboards.get().uri("/actuator/health").exchange()
                    .expectStatus().is5xxServerError()
                    .expectBody().jsonPath("$.components.alertDelivery.status").isEqualTo("DOWN")
                    .jsonPath("$.components.alertDelivery.details.reachable").isEqualTo(false));
            Instant dueAt = open(incident, "1", secondsAgo(885));
            await().atMost(Duration.ofSeconds(40)).until(() -> Instant.now().isAfter(dueAt.plusSeconds(2)));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> dashboards.get().uri("/api/v1/sla/breaches").exchange()
                    .expectStatus().isOk().expectBody(String.class).value(body -> assertThat(body).contains(incident)));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                String metrics = prometheus();
                assertThat(samples(metrics, "sla_alert_backlog{").sum()).as("the breach waits for Kafka").isGreaterThanOrEqualTo(1);
                assertThat(samples(metrics, "sla_alert_backlog_age_seconds{").max().orElseThrow()).isGreaterThan(0);
                assertThat(samples(metrics, "sla_processor_lag_seconds{processor=\"sla-alerts\"").max().orElseThrow()).isGreaterThan(0);
            });
            assertThat(alerts(BREACHES, incident)).isEmpty();
        } finally {
            broker.start();
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> !alerts(BREACHES, incident).isEmpty());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> dashboards.get().uri("/actuator/health").exchange()
                .expectStatus().isOk());
        assertThat(alerts(BREACHES, incident).stream().map(ConsumerRecord::value).map(AlertPipelineTest::json)
                .map(event -> event.get("id").asText()).distinct()).hasSize(1);
    }

    @Test
    @Order(5)
    void metrics_are_exposed_for_prometheus_without_incident_ids() {
        open("INC-PENDING-" + UUID.randomUUID().toString().substring(0, 6), "C", secondsAgo(0));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(prometheus()).contains("sla_pending{"));
        String metrics = prometheus();
        assertThat(metrics).contains("sla_alert_latency_seconds_bucket", "sla_alerts_published_total{kind=\"breach\"",
                "sla_alerts_published_total{kind=\"warning\"", "sla_alerts_poisoned_total{processing_group=\"sla-alerts\"",
                "sla_pending{program=\"UNIFIED\",severity=\"C\"}");
        assertThat(metrics).doesNotContain("sla_outbox");
        assertThat(metrics).containsPattern("(?m)^eventProcessor_processedCounter_total\\{.*sla-projection");
        assertThat(metrics).containsPattern("(?m)^eventProcessor_processedCounter_total\\{.*sla-alerts");
        assertThat(metrics).containsPattern("(?m)^eventProcessor_latency\\{processorName=\"sla-projection\"");
        assertThat(metrics).doesNotContain("INC-");
        assertThat(samples(metrics, "sla_first_responses_total{outcome=\"breached\",program=\"UNIFIED\",severity=\"1\"}").sum())
                .as("the Sev 1 breaches of the tests before").isGreaterThanOrEqualTo(2);
        assertThat(samples(metrics, "sla_first_responses_total{outcome=\"breached\",program=\"UNIFIED\",severity=\"A\"}").sum())
                .as("the back-dated import").isGreaterThanOrEqualTo(1);
        assertThat(samples(metrics, "sla_first_responses_total{outcome=\"met\",program=\"UNIFIED\",severity=\"1\"}").sum())
                .isGreaterThanOrEqualTo(1);
        assertThat(samples(metrics, "sla_pending_earliest_due_timestamp_seconds{program=\"UNIFIED\",severity=\"C\"}").max()
                .orElseThrow()).isGreaterThan(Instant.now().getEpochSecond());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String caughtUp = prometheus();
            assertThat(samples(caughtUp, "sla_alert_backlog{").sum()).isZero();
            assertThat(samples(caughtUp, "sla_alert_backlog_age_seconds{").max().orElseThrow()).isZero();
            assertThat(samples(caughtUp, "sla_processor_lag_events{").count()).as("2 segments of each processor").isEqualTo(4);
            assertThat(samples(caughtUp, "sla_processor_lag_seconds{").max().orElseThrow()).isZero();
            assertThat(samples(caughtUp, "sla_processor_segments_unowned{").sum()).isZero();
        });
    }

    /** The values of the samples whose line starts with {@code prefix} (a metric name with the start of its labels). */
    private static DoubleStream samples(String metrics, String prefix) {
        return metrics.lines().filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
    }

    private static String prometheus() {
        return dashboards.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    @Test
    @Order(6)
    void restarting_the_projection_and_replaying_its_tokens_publishes_no_alert_with_a_new_id() {
        Set<String> before = consumer.records().stream().map(record -> json(record.value()).get("id").asText()).collect(Collectors.toSet());
        assertThat(before).isNotEmpty();
        projection.close();
        startProjection();
        EventProcessingConfiguration processing = projection.getBean(EventProcessingConfiguration.class);
        List<StreamingEventProcessor> processors = List.of(SlaProjector.PROCESSING_GROUP, SlaAlerts.PROCESSING_GROUP).stream()
                .map(name -> processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow()).toList();
        processors.forEach(StreamingEventProcessor::shutDown);
        dashboards.get().uri("/actuator/health").exchange().expectStatus().is5xxServerError()
                .expectBody().jsonPath("$.components.slaProjection.details.processors['sla-alerts'].state").isEqualTo("STOPPED");
        processors.forEach(processor -> {
            processor.resetTokens();
            processor.start();
        });
        await().atMost(Duration.ofSeconds(30)).until(projection.getBean(Processors.class)::caughtUp);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> dashboards.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.components.slaProjection.details.processors['sla-alerts'].state").isEqualTo("RUNNING"));
        sleep(Duration.ofSeconds(3));
        List<String> after = new ArrayList<>(consumer.records().stream().map(record -> json(record.value()).get("id").asText()).toList());
        assertThat(after).allMatch(before::contains);
    }

    @Test
    @Order(7)
    void a_response_stored_before_the_deadline_while_the_projection_was_down_yields_no_breach_when_it_returns() {
        String incident = "INC-DOWN-" + UUID.randomUUID().toString().substring(0, 6);
        projection.close();
        Instant dueAt = open(incident, "1", secondsAgo(890));
        incidents.post().uri("/api/v1/incidents/{id}/first-response", incident).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"channel\": \"PHONE\", \"engineer\": \"eng-7\"}").exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(dueAt.plusSeconds(3)));
        startProjection();
        await().atMost(Duration.ofSeconds(30)).until(projection.getBean(Processors.class)::caughtUp);
        sleep(Duration.ofSeconds(3));
        assertThat(alerts(BREACHES, incident)).isEmpty();
        dashboards.get().uri("/api/v1/sla/breaches?since={since}", dueAt.minusSeconds(60)).exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain(incident));
    }
}
