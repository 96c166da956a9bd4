package dev.incidentsla.projection.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentsla.api.Channel;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaClock;
import dev.incidentsla.api.SlaDecision;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.incident.FirstResponseAtRisk;
import dev.incidentsla.api.incident.FirstResponseBreached;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.api.incident.IncidentOpened;
import dev.incidentsla.localkafka.TopicRecorder;
import dev.incidentsla.projection.SlaProjectionApplication;
import dev.incidentsla.projection.alert.SlaAlerts;
import dev.incidentsla.projection.health.Processors;
import dev.incidentsla.projection.health.TokenClaims;
import dev.incidentsla.projection.readmodel.SlaProjector;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Alerts published from the deadline facts in the event history, on real parts: a Kafka broker (child JVM), an
 * embedded PostgreSQL with the event store's tables, and the projection (a second node in a child JVM for the
 * failover). The test appends the incidents' events itself, as the incident service would record them, and reads
 * the alert topics with a plain consumer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertPublishingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BREACHES = "incident.sla.breaches";
    private static final String WARNINGS = "incident.sla.warnings";
    private static final Duration QUIET_PERIOD = Duration.ofSeconds(4);

    private static KafkaBrokerProcess broker;
    private static EmbeddedPostgres postgres;
    private static ConfigurableApplicationContext projection;
    private static WebTestClient dashboards;
    private static EventStore eventStore;
    private static JdbcTemplate jdbc;
    private static TopicRecorder consumer;
    private static ProjectionNodeProcess other;

    @BeforeAll
    static void start() throws Exception {
        Path directory = Files.createTempDirectory("alert-publishing");
        broker = new KafkaBrokerProcess(Files.createDirectories(directory.resolve("kafka")));
        broker.start();
        postgres = EmbeddedPostgres.builder().start();
        Flyway.configure().dataSource(postgres.getPostgresDatabase()).locations("classpath:db/migration").load().migrate();
        projection = SlaProjectionApplication.application().run("--server.port=0",
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--sla-projection.kafka.bootstrap-servers=" + broker.bootstrapServers());
        dashboards = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + projection.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(30)).build();
        eventStore = projection.getBean(EventStore.class);
        jdbc = projection.getBean(JdbcTemplate.class);
        consumer = TopicRecorder.start(broker.bootstrapServers(), "publishing-test", List.of(BREACHES, WARNINGS));
    }

    @AfterAll
    static void stop() throws Exception {
        Teardown.closeInOrder(consumer, other, projection, postgres, broker);
    }


    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String newIncident(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** A Sev 1 incident opened with the given deadline, its at-risk instant three quarters of the way. */
    private static IncidentOpened open(String incidentId, Instant submittedAt, Instant dueAt) {
        SlaDecision decision = new SlaDecision("UNIFIED", "unified.sev-1.azure", Duration.ofMinutes(15), SlaClock.ROUND_THE_CLOCK,
                submittedAt, dueAt, dueAt.minus(Duration.ofSeconds(225)), "test", 1, false, "test");
        IncidentOpened opened = new IncidentOpened(new IncidentId(incidentId), new ContractId("contoso"), 1, "title",
                "azure-virtual-machines", Channel.PHONE, Severity.SEV_1, false, null, submittedAt, decision);
        append(incidentId, 0, opened);
        return opened;
    }

    private static FirstResponseBreached breached(IncidentOpened opened, Instant dueAt, Instant detectedAt) {
        SlaDecision decision = opened.firstResponse();
        return new FirstResponseBreached(opened.incidentId(), opened.contractId(), opened.severity(), opened.product(),
                decision.program(), decision.rule(), decision.target(), decision.clock(), opened.submittedAt(), dueAt, detectedAt);
    }

    private static FirstResponseAtRisk atRisk(IncidentOpened opened, Instant detectedAt) {
        SlaDecision decision = opened.firstResponse();
        return new FirstResponseAtRisk(opened.incidentId(), opened.contractId(), opened.severity(), opened.product(),
                decision.program(), decision.rule(), decision.target(), decision.clock(), opened.submittedAt(),
                decision.atRiskAt(), decision.dueAt(), detectedAt);
    }

    /** As the incident aggregate appends: aggregate identifier {@code incident:<id>}, one sequence per event. */
    private static void append(String incidentId, long sequence, Object payload) {
        eventStore.publish(new GenericDomainEventMessage<>("Incident", "incident:" + incidentId, sequence, payload));
    }

    /** A stored event whose payload no serializer can read, as a corrupt row or a broken upcaster would leave it. */
    private static void appendCorruptBreach(String incidentId, long sequence) {
        jdbc.update("INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp, "
                        + "payload_type, payload_revision, payload, meta_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                UUID.randomUUID().toString(), "incident:" + incidentId, sequence, "Incident", DateTimeUtils.formatInstant(Instant.now()),
                FirstResponseBreached.class.getName(), "1", new byte[]{0x00, (byte) 0xff, 0x13, 0x37, '{', '"', 0x01},
                "{}".getBytes(StandardCharsets.UTF_8));
    }

    private static List<ConsumerRecord<String, String>> records(String topic, String incidentId) {
        return consumer.records().stream().filter(record -> record.topic().equals(topic) && incidentId.equals(record.key()))
                .toList();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> receivedIds() {
        return consumer.records().stream().map(record -> json(record.value()).get("id").asText()).collect(Collectors.toSet());
    }

    private static JsonNode health() {
        return json(dashboards.get().uri("/actuator/health").exchange().expectBody(String.class).returnResult().getResponseBody());
    }

    @Test
    @Order(1)
    void a_recorded_breach_and_at_risk_warning_become_exactly_one_alert_each_and_show_on_the_dashboards() {
        String incident = newIncident("INC-A");
        Instant dueAt = now().minusSeconds(2);
        IncidentOpened opened = open(incident, dueAt.minus(Duration.ofMinutes(15)), dueAt);
        Instant warnedAt = opened.firstResponse().atRiskAt().plusMillis(4);
        Instant breachedAt = dueAt.plusMillis(1).plusNanos(234_000);
        append(incident, 1, atRisk(opened, warnedAt));
        append(incident, 2, breached(opened, dueAt, breachedAt));

        await().atMost(Duration.ofSeconds(20)).until(() -> !records(BREACHES, incident).isEmpty()
                && !records(WARNINGS, incident).isEmpty());
        sleep(QUIET_PERIOD);
        assertThat(records(BREACHES, incident)).hasSize(1);
        assertThat(records(WARNINGS, incident)).hasSize(1);

        ConsumerRecord<String, String> breach = records(BREACHES, incident).get(0);
        assertThat(breach.key()).isEqualTo(incident);
        assertThat(new String(breach.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo("application/cloudevents+json");
        JsonNode event = json(breach.value());
        assertThat(fieldNames(event)).containsExactlyInAnyOrder("specversion", "id", "source", "type", "subject", "time",
                "datacontenttype", "data");
        assertThat(event.get("specversion").asText()).isEqualTo("1.0");
        assertThat(event.get("id").asText()).isEqualTo("breach:" + incident + ":" + dueAt);
        assertThat(event.get("source").asText()).isEqualTo("/incident-sla/sla-projection");
        assertThat(event.get("type").asText()).isEqualTo("incident.sla.first-response.breached");
        assertThat(event.get("subject").asText()).isEqualTo(incident);
        assertThat(Instant.parse(event.get("time").asText())).isEqualTo(breachedAt);
        assertThat(event.get("datacontenttype").asText()).isEqualTo("application/json");
        JsonNode data = event.get("data");
        assertThat(data.isObject()).isTrue();
        assertThat(fieldNames(data)).containsExactly("incidentId", "contractId", "severity", "product", "program", "rule",
                "target", "clock", "submittedAt", "dueAt", "detectedAt");
        assertThat(data.get("incidentId").asText()).isEqualTo(incident);
        assertThat(data.get("contractId").asText()).isEqualTo("contoso");
        assertThat(data.get("severity").asText()).isEqualTo("1");
        assertThat(data.get("product").asText()).isEqualTo("azure-virtual-machines");
        assertThat(data.get("program").asText()).isEqualTo("UNIFIED");
        assertThat(data.get("rule").asText()).isEqualTo("unified.sev-1.azure");
        assertThat(data.get("target").asText()).isEqualTo("PT15M");
        assertThat(data.get("clock").asText()).isEqualTo("ROUND_THE_CLOCK");
        assertThat(data.get("submittedAt").asText()).isEqualTo(opened.submittedAt().toString());
        assertThat(data.get("dueAt").asText()).isEqualTo(dueAt.toString());
        assertThat(data.get("detectedAt").asText()).isEqualTo(breachedAt.toString());

        ConsumerRecord<String, String> warningRecord = records(WARNINGS, incident).get(0);
        assertThat(warningRecord.key()).isEqualTo(incident);
        assertThat(new String(warningRecord.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo("application/cloudevents+json");
        JsonNode warning = json(warningRecord.value());
        assertThat(warning.get("id").asText()).isEqualTo("at-risk:" + incident + ":" + dueAt);
        assertThat(warning.get("type").asText()).isEqualTo("incident.sla.first-response.at-risk");
        assertThat(warning.get("subject").asText()).isEqualTo(incident);
        assertThat(Instant.parse(warning.get("time").asText())).isEqualTo(warnedAt);
        assertThat(warning.get("data").get("atRiskAt").asText()).isEqualTo(opened.firstResponse().atRiskAt().toString());
        assertThat(warning.get("data").get("dueAt").asText()).isEqualTo(dueAt.toString());
        assertThat(warning.get("data").get("detectedAt").asText()).isEqualTo(warnedAt.toString());

        dashboards.get().uri("/api/v1/sla/breaches?since={since}", breachedAt.minusSeconds(1)).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$[?(@.incidentId == '%s')].status".formatted(incident)).isEqualTo("BREACHED")
                .jsonPath("$[?(@.incidentId == '%s')].detectedAt".formatted(incident)).isEqualTo(breachedAt.toString())
                .jsonPath("$[?(@.incidentId == '%s')].dueAt".formatted(incident)).isEqualTo(dueAt.toString())
                .jsonPath("$[?(@.incidentId == '%s')].rule".formatted(incident)).isEqualTo("unified.sev-1.azure");
    }

    @Test
    @Order(2)
    void a_pending_sla_shows_warned_once_its_at_risk_fact_is_recorded() {
        String incident = newIncident("INC-W");
        Instant dueAt = now().plus(Duration.ofMinutes(3));
        IncidentOpened opened = open(incident, dueAt.minus(Duration.ofMinutes(15)), dueAt);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> dashboards.get().uri("/api/v1/sla/pending?limit=1000")
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.incidentId == '%s')].warned".formatted(incident)).isEqualTo(false));
        append(incident, 1, atRisk(opened, now()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> dashboards.get().uri("/api/v1/sla/pending?limit=1000")
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.incidentId == '%s')].warned".formatted(incident)).isEqualTo(true)
                .jsonPath("$[?(@.incidentId == '%s')].dueAt".formatted(incident)).isEqualTo(dueAt.toString()));
        await().atMost(Duration.ofSeconds(20)).until(() -> records(WARNINGS, incident).size() == 1);
    }

    @Test
    @Order(2)
    void dashboard_queries_with_a_nul_or_an_instant_beyond_the_database_are_400_problems() {
        for (String query : List.of("/api/v1/sla/pending?contractId=a%00b", "/api/v1/sla/pending?program=U%01",
                "/api/v1/sla/breaches?since=%2B1000000000-12-31T23:59:59.999999999Z",
                "/api/v1/sla/breaches?since=-1000000000-01-01T00:00:00Z")) {
            dashboards.get().uri(URI.create("http://localhost:" + projection.getEnvironment().getProperty("local.server.port") + query)).exchange().expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    @Order(3)
    void a_poisoned_breach_is_reported_and_skipped_while_the_other_breaches_go_out_exactly_once() {
        Instant dueAt = now().minusSeconds(5);
        List<String> incidents = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            incidents.add(newIncident("INC-P" + i));
        }
        String corrupt = incidents.get(2);
        String yearTenThousand = incidents.get(4);
        String yearOne = incidents.get(5);
        String tooLarge = incidents.get(6);
        Map<String, Instant> expectedDueAt = new ConcurrentHashMap<>();
        for (String incident : incidents) {
            IncidentOpened opened = open(incident, dueAt.minus(Duration.ofMinutes(15)), dueAt);
            if (incident.equals(tooLarge)) {
                // an alert larger than the producer sends (max.request.size): refused in its acknowledgement
                SlaDecision decision = opened.firstResponse();
                append(incident, 1, new FirstResponseBreached(opened.incidentId(), opened.contractId(), opened.severity(),
                        "x".repeat(1_100_000), decision.program(), decision.rule(), decision.target(), decision.clock(),
                        opened.submittedAt(), dueAt, dueAt.plusMillis(1)));
            } else if (incident.equals(corrupt)) {
                appendCorruptBreach(incident, 1);
            } else if (incident.equals(yearTenThousand)) {
                append(incident, 1, breached(opened, Instant.parse("+10000-01-01T00:00:00Z"), dueAt.plusMillis(1)));
            } else if (incident.equals(yearOne)) {
                Instant ancient = Instant.parse("0001-01-01T00:00:00Z");
                append(incident, 1, breached(opened, ancient, dueAt.plusMillis(1)));
                expectedDueAt.put(incident, ancient);
            } else {
                append(incident, 1, breached(opened, dueAt, dueAt.plusMillis(1)));
                expectedDueAt.put(incident, dueAt);
            }
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> expectedDueAt.keySet().stream()
                .allMatch(incident -> !records(BREACHES, incident).isEmpty()));
        sleep(QUIET_PERIOD);
        expectedDueAt.forEach((incident, due) -> {
            List<ConsumerRecord<String, String>> delivered = records(BREACHES, incident);
            assertThat(delivered).as("exactly once: " + incident).hasSize(1);
            assertThat(json(delivered.get(0).value()).get("id").asText()).isEqualTo("breach:" + incident + ":" + due);
        });
        assertThat(records(BREACHES, corrupt)).isEmpty();
        assertThat(records(BREACHES, yearTenThousand)).isEmpty();
        assertThat(records(BREACHES, tooLarge)).isEmpty();

        JsonNode alertDelivery = health().get("components").get("alertDelivery");
        assertThat(alertDelivery.get("details").get("poisoned").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(alertDelivery.get("details").get("poisonedByProcessingGroup").get("sla-alerts").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(alertDelivery.get("details").get("lastPoisoned").get("eventId").asText()).isNotBlank();
        assertThat(alertDelivery.get("details").get("lastPoisoned").get("reason").asText()).isNotBlank();
        assertThat(alertDelivery.get("status").asText()).as("the other alerts flow").isEqualTo("UP");
        String metrics = dashboards.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).containsPattern("(?m)^sla_alerts_poisoned_total\\{processing_group=\"sla-alerts\"} [3-9]");
        assertThat(metrics).contains("sla_alerts_published_total{kind=\"breach\",party=\"MICROSOFT\",timer=\"FIRST_RESPONSE\"}", "sla_alert_latency_seconds_bucket{kind=\"breach\"");
        assertThat(metrics).doesNotContain("INC-");

        dashboards.get().uri("/api/v1/sla/breaches?since={since}", dueAt.minusSeconds(1)).exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains(incidents.get(0), yearOne, yearTenThousand)
                        .doesNotContain(corrupt));
    }

    @Test
    @Order(4)
    void claims_are_extended_every_second_so_that_a_dead_nodes_segments_are_free_within_the_claim_timeout() {
        TokenClaims claims = projection.getBean(TokenClaims.class);
        for (int sample = 0; sample < 4; sample++) {
            Instant now = Instant.now();
            for (String processor : List.of(SlaProjector.PROCESSING_GROUP, SlaAlerts.PROCESSING_GROUP)) {
                List<TokenClaims.Claim> segments = claims.claims(processor);
                assertThat(segments).as(processor).hasSize(2);
                assertThat(segments).allSatisfy(claim -> {
                    assertThat(claim.owner()).isNotNull();
                    assertThat(claim.claimedAt()).as("segment " + claim.segment() + " of " + processor)
                            .isAfter(now.minusMillis(2_500));
                });
            }
            sleep(Duration.ofMillis(900));
        }
        assertThat(health().get("components").get("slaProjection").get("status").asText()).isEqualTo("UP");
    }

    @Test
    @Order(5)
    void a_segment_held_up_longer_than_the_lag_tolerance_makes_health_down_until_it_catches_up() throws Exception {
        String incident = newIncident("INC-LAG");
        IncidentOpened opened = open(incident, now().minus(Duration.ofMinutes(10)), now().plus(Duration.ofMinutes(5)));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM sla_read_model WHERE incident_id = ?", Long.class, incident) == 1);
        try (Connection blocker = postgres.getPostgresDatabase().getConnection()) {
            blocker.setAutoCommit(false);
            try (PreparedStatement lock = blocker.prepareStatement("SELECT * FROM sla_read_model WHERE incident_id = ? FOR UPDATE")) {
                lock.setString(1, incident);
                lock.executeQuery().close();
            }
            append(incident, 1, atRisk(opened, now()));
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).until(() -> {
                JsonNode slaProjection = health().get("components").get("slaProjection");
                return "DOWN".equals(slaProjection.get("status").asText()) && !slaProjection.get("details").get("processors")
                        .get(SlaProjector.PROCESSING_GROUP).get("laggingSegments").isEmpty();
            });
            JsonNode readModel = health().get("components").get("slaProjection").get("details").get("processors")
                    .get(SlaProjector.PROCESSING_GROUP);
            assertThat(readModel.get("state").asText()).as("running, but behind").isEqualTo("RUNNING");
            assertThat(records(WARNINGS, incident)).as("alerting does not wait for the read model").hasSize(1);
            blocker.rollback();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> "UP".equals(health().get("components").get("slaProjection")
                .get("status").asText()));
        dashboards.get().uri("/api/v1/sla/pending?limit=1000").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.incidentId == '%s')].warned".formatted(incident)).isEqualTo(true);
    }

    @Test
    @Order(6)
    void while_kafka_is_away_delivery_is_down_within_seconds_and_the_breach_recorded_meanwhile_goes_out_once_it_returns()
            throws Exception {
        String incident = newIncident("INC-OUTAGE");
        Instant dueAt = now().minusSeconds(1);
        IncidentOpened opened = open(incident, dueAt.minus(Duration.ofMinutes(15)), dueAt);
        broker.stop();
        Instant stopped = Instant.now();
        try {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
                JsonNode alertDelivery = health().get("components").get("alertDelivery");
                return "DOWN".equals(alertDelivery.get("status").asText())
                        && !alertDelivery.get("details").get("reachable").asBoolean();
            });
            assertThat(Duration.between(stopped, Instant.now())).isLessThan(Duration.ofSeconds(8));

            append(incident, 1, breached(opened, dueAt, now()));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> dashboards.get()
                    .uri("/api/v1/sla/breaches?since={since}", dueAt.minusSeconds(1)).exchange().expectStatus().isOk()
                    .expectBody(String.class).value(body -> assertThat(body).contains(incident)));
            sleep(Duration.ofSeconds(3));
            assertThat(records(BREACHES, incident)).isEmpty();
        } finally {
            broker.start();
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> !records(BREACHES, incident).isEmpty());
        sleep(QUIET_PERIOD);
        assertThat(records(BREACHES, incident).stream().map(record -> json(record.value()).get("id").asText()).distinct())
                .containsExactly("breach:" + incident + ":" + dueAt);
        await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(health().get("components").get("alertDelivery")
                .get("status").asText()));
    }

    @Test
    @Order(7)
    void resetting_the_alert_processor_republishes_only_alerts_already_published() {
        Set<String> before = receivedIds();
        int recordsBefore = consumer.records().size();
        assertThat(before).isNotEmpty();
        StreamingEventProcessor alerts = projection.getBean(EventProcessingConfiguration.class)
                .eventProcessor(SlaAlerts.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
        alerts.shutDown();
        JsonNode stoppedHealth = health().get("components").get("slaProjection");
        assertThat(stoppedHealth.get("status").asText()).isEqualTo("DOWN");
        JsonNode stoppedAlerts = stoppedHealth.get("details").get("processors").get("sla-alerts");
        assertThat(stoppedAlerts.get("state").asText()).isEqualTo("STOPPED");
        assertThat(stoppedAlerts.get("segmentsWithoutLiveOwner")).as("released on shutdown, held until claimed").hasSize(2);

        alerts.resetTokens();
        alerts.start();
        await().atMost(Duration.ofSeconds(60)).until(projection.getBean(Processors.class)::caughtUp);
        await().atMost(Duration.ofSeconds(60)).until(() -> consumer.records().size() >= recordsBefore + before.size());
        sleep(QUIET_PERIOD);
        assertThat(receivedIds()).isEqualTo(before);
        await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(health().get("components").get("slaProjection")
                .get("status").asText()));
    }

    @Test
    @Order(8)
    void when_the_node_owning_the_segments_is_killed_the_surviving_node_takes_over_within_seconds() throws Exception {
        EventProcessingConfiguration processing = projection.getBean(EventProcessingConfiguration.class);
        List<StreamingEventProcessor> processors = List.of(SlaProjector.PROCESSING_GROUP, SlaAlerts.PROCESSING_GROUP).stream()
                .map(name -> processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow()).toList();
        TokenClaims claims = projection.getBean(TokenClaims.class);
        other = new ProjectionNodeProcess(Files.createTempFile("projection-node", ".log"),
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--sla-projection.kafka.bootstrap-servers=" + broker.bootstrapServers());
        other.start();
        processors.forEach(StreamingEventProcessor::shutDown);
        await().atMost(Duration.ofSeconds(90)).until(() -> List.of(SlaProjector.PROCESSING_GROUP, SlaAlerts.PROCESSING_GROUP)
                .stream().allMatch(processor -> claims.claims(processor).stream()
                        .allMatch(claim -> claim.owner() != null && claim.owner().startsWith(other.ownerPrefix()))));
        processors.forEach(StreamingEventProcessor::start);
        sleep(Duration.ofSeconds(2));
        assertThat(projection.getBean(Processors.class).ownedSegments(SlaAlerts.PROCESSING_GROUP)).as("all held by the other node").isEmpty();

        other.kill();
        Instant killed = Instant.now();
        String incident = newIncident("INC-FAILOVER");
        Instant dueAt = now().minusSeconds(1);
        IncidentOpened opened = open(incident, dueAt.minus(Duration.ofMinutes(15)), dueAt);
        append(incident, 1, breached(opened, dueAt, now()));

        await().atMost(Duration.ofSeconds(20)).until(() -> !records(BREACHES, incident).isEmpty());
        Duration takeover = Duration.between(killed, Instant.now());
        assertThat(takeover).as("claim timeout (5 s) + claim interval (1 s), with some slack").isLessThan(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> projection.getBean(Processors.class)
                .ownedSegments(SlaAlerts.PROCESSING_GROUP).size() == 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> "UP".equals(health().get("components").get("slaProjection")
                .get("status").asText()));
        sleep(QUIET_PERIOD);
        assertThat(records(BREACHES, incident)).hasSize(1);
    }
}
