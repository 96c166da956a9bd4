package dev.incidentsla.projection.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentsla.edge.access.Roles;
import dev.incidentsla.edge.access.TestTokens;
import dev.incidentsla.projection.SlaProjectionApplication;
import dev.incidentsla.projection.pipeline.KafkaBrokerProcess;
import dev.incidentsla.projection.pipeline.ProjectionNodeProcess;
import dev.incidentsla.projection.pipeline.Teardown;
import dev.incidentsla.projection.readmodel.SlaProjector;
import dev.incidentsla.service.IncidentServiceApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live stream on the production shape, access control on: two projection nodes on one PostgreSQL, node A (a
 * child JVM) processing every segment and node B standing by, and clients of node B seeing what node A processed, each only of
 * its token's contracts. Real broker, incident service and deadlines: the breaches happen while the test waits.
 */
class LiveStreamAcrossNodesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String A = "live-a";
    private static final String B = "live-b";

    private static Path directory;
    private static KafkaBrokerProcess broker;
    private static ConfigurableApplicationContext incidentService;
    /** In a JVM of its own: Axon names a node by its process, and two nodes of one process would share their claims. */
    private static ProjectionNodeProcess nodeA;
    private static ConfigurableApplicationContext nodeB;
    private static WebTestClient incidents;
    private static WebTestClient readsOfB;
    private static final List<Disposable> streams = new ArrayList<>();

    /** One client's events: the named ones and the comments. */
    record Received(List<ServerSentEvent<String>> events) {

        List<JsonNode> of(String incidentId) {
            return events.stream().filter(event -> event.data() != null).map(event -> json(event.data()))
                    .filter(data -> data.get("incidentId").asText().equals(incidentId)).toList();
        }

        List<String> names(String incidentId) {
            return events.stream().filter(event -> event.data() != null)
                    .filter(event -> json(event.data()).get("incidentId").asText().equals(incidentId))
                    .map(ServerSentEvent::event).toList();
        }

        long comments(String text) {
            return events.stream().filter(event -> text.equals(event.comment())).count();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        directory = Files.createTempDirectory("live-stream");
        broker = new KafkaBrokerProcess(Files.createDirectories(directory.resolve("kafka")));
        broker.start();
        incidentService = new SpringApplicationBuilder(IncidentServiceApplication.class).run("--server.port=0",
                "--incident-sla.embedded-database.directory=" + directory.resolve("postgres"),
                "--incident-sla.embedded-database.durable=false");
        incidents = client(incidentService);
        String database = incidentService.getBean(EmbeddedPostgres.class).getJdbcUrl("postgres", "postgres");
        nodeA = new ProjectionNodeProcess(directory.resolve("node-a.log"), "--spring.datasource.url=" + database,
                "--sla-projection.kafka.bootstrap-servers=" + broker.bootstrapServers());
        nodeA.start();
        JdbcTemplate jdbc = new JdbcTemplate(incidentService.getBean(EmbeddedPostgres.class).getPostgresDatabase());
        await().atMost(Duration.ofSeconds(120)).until(() -> jdbc.queryForList("SELECT owner FROM token_entry WHERE "
                + "processor_name = ? AND owner IS NOT NULL", String.class, SlaProjector.PROCESSING_GROUP).stream()
                .filter(owner -> owner.startsWith(nodeA.ownerPrefix())).count() == 2);
        nodeB = projectionNode("--sla-projection.live.heartbeat-interval=PT1S");
        readsOfB = client(nodeB);
        await().atMost(Duration.ofSeconds(10)).until(() -> nodeB.getBean(LiveChangeListener.class).isListening());
        for (String contract : List.of(A, B)) {
            incidents.put().uri("/api/v1/contracts/" + contract).contentType(MediaType.APPLICATION_JSON).bodyValue("""
                    {"customerName": "C", "supportLocation": {"timeZone": "Asia/Jakarta", "country": "ID"}}""")
                    .exchange().expectStatus().isOk();
        }
    }

    private static ConfigurableApplicationContext projectionNode(String... more) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                "--spring.datasource.url=" + incidentService.getBean(EmbeddedPostgres.class).getJdbcUrl("postgres", "postgres"),
                "--sla-projection.kafka.bootstrap-servers=" + broker.bootstrapServers()));
        TestTokens.accessProperties().forEach((name, value) -> arguments.add("--" + name + "=" + value));
        arguments.addAll(List.of(more));
        return SlaProjectionApplication.application().run(arguments.toArray(String[]::new));
    }

    private static int segmentsOwned(ConfigurableApplicationContext node) {
        return node.getBean(EventProcessingConfiguration.class)
                .eventProcessor(SlaProjector.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow()
                .processingStatus().size();
    }

    @AfterAll
    static void stop() throws Exception {
        streams.forEach(Disposable::dispose);
        Teardown.closeInOrder(nodeB, nodeA, incidentService, broker);
    }

    private static WebTestClient client(ConfigurableApplicationContext context) {
        return WebTestClient.bindToServer().baseUrl(baseUrl(context)).responseTimeout(Duration.ofSeconds(30)).build();
    }

    private static String baseUrl(ConfigurableApplicationContext context) {
        return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Connects to node B's stream and collects what arrives, from the first comment on. */
    private static Received listen(String token, String query) {
        List<ServerSentEvent<String>> events = new CopyOnWriteArrayList<>();
        streams.add(WebClient.create(baseUrl(nodeB)).get().uri("/api/v1/sla/stream" + query)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).accept(MediaType.TEXT_EVENT_STREAM).retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                }).subscribe(events::add));
        await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());
        assertThat(events.get(0).comment()).isEqualTo("connected");
        return new Received(events);
    }

    private static Instant open(String incidentId, String contract, String severity, Instant submittedAt) {
        String body = incidents.post().uri("/api/v1/incidents").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"incidentId": "%s", "contractId": "%s", "severity": "%s", "product": "azure-virtual-machines",
                 "channel": "PHONE", "submittedAt": "%s"}""".formatted(incidentId, contract, severity, submittedAt))
                .exchange().expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
        return Instant.parse(json(body).get("firstResponse").get("dueAt").asText());
    }

    private static Instant secondsAgo(long seconds) {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(seconds);
    }

    private static String reader(List<String> contracts) {
        return TestTokens.token("ops", List.of(Roles.SLA_READER), contracts);
    }

    @Test
    void clients_of_a_standby_node_see_every_change_the_other_node_processes_of_their_contracts_only() {
        assertThat(segmentsOwned(nodeB)).as("node B processes nothing").isZero();
        Received everything = listen(reader(null), "");
        Received onlyA = listen(reader(List.of(A)), "");
        Received onlySevB = listen(reader(null), "?severity=B");

        Instant dueAt = open("INC-LIVE-A", A, "1", secondsAgo(897));
        open("INC-LIVE-B", B, "1", secondsAgo(897));
        open("INC-LIVE-MET", A, "B", secondsAgo(60));

        await().atMost(Duration.ofSeconds(20)).until(() -> everything.names("INC-LIVE-A").contains("breached")
                && everything.names("INC-LIVE-B").contains("breached"));
        assertThat(everything.names("INC-LIVE-A").get(0)).as("first the pending SLA, at risk already or not")
                .isIn("pending", "at-risk");
        JsonNode breach = everything.of("INC-LIVE-A").get(everything.of("INC-LIVE-A").size() - 1);
        assertThat(breach.get("contractId").asText()).isEqualTo(A);
        assertThat(breach.get("severity").asText()).isEqualTo("1");
        assertThat(breach.get("program").asText()).isEqualTo("UNIFIED");
        assertThat(breach.get("rule").asText()).isEqualTo("unified.sev-1.azure");
        assertThat(breach.get("target").asText()).isEqualTo("PT15M");
        assertThat(breach.get("clock").asText()).isEqualTo("ROUND_THE_CLOCK");
        assertThat(Instant.parse(breach.get("dueAt").asText())).isEqualTo(dueAt);
        assertThat(breach.get("status").asText()).isEqualTo("BREACHED");
        assertThat(breach.get("warned").asBoolean()).isTrue();
        assertThat(Instant.parse(breach.get("detectedAt").asText())).isAfter(dueAt);
        assertThat(breach.get("timeLeft").asText()).startsWith("PT-");

        incidents.post().uri("/api/v1/incidents/{id}/first-response", "INC-LIVE-MET").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"channel\": \"PHONE\", \"engineer\": \"eng-7\"}").exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(10)).until(() -> everything.names("INC-LIVE-MET").contains("stopped"));
        JsonNode stopped = everything.of("INC-LIVE-MET").get(everything.of("INC-LIVE-MET").size() - 1);
        assertThat(stopped.get("status").asText()).isEqualTo("MET");
        assertThat(stopped.get("respondedAt").isNull()).isFalse();

        await().atMost(Duration.ofSeconds(10)).until(() -> onlyA.names("INC-LIVE-MET").contains("stopped"));
        assertThat(onlyA.names("INC-LIVE-A")).contains("breached");
        assertThat(onlyA.names("INC-LIVE-B")).as("another contract's incident").isEmpty();
        assertThat(onlySevB.names("INC-LIVE-MET")).contains("pending", "stopped");
        assertThat(onlySevB.names("INC-LIVE-A")).isEmpty();

        Map<String, Object> today = todayOf(reader(null));
        assertThat(((Number) today.get("breached")).longValue()).isGreaterThanOrEqualTo(2);
        assertThat(((Number) today.get("met")).longValue()).isGreaterThanOrEqualTo(1);
        Map<String, Object> todayOfA = todayOf(reader(List.of(A)));
        assertThat(todayOfA).containsEntry("met", 1).containsEntry("breached", 1).containsEntry("metRatio", 0.5);
    }

    @Test
    void a_quiet_stream_sends_heartbeats() {
        Received quiet = listen(reader(List.of("no-such-contract")), "");
        await().atMost(Duration.ofSeconds(5)).until(() -> quiet.comments("heartbeat") >= 2);
    }

    @Test
    void the_stream_and_todays_figures_need_an_sla_reader_and_a_contract_the_token_may_use() {
        for (String uri : List.of("/api/v1/sla/stream", "/api/v1/sla/today")) {
            readsOfB.get().uri(uri).exchange().expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            readsOfB.get().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.token("someone",
                    List.of(Roles.AUDITOR), null)).exchange().expectStatus().isForbidden();
            readsOfB.get().uri(uri + "?contractId=" + B).header(HttpHeaders.AUTHORIZATION, "Bearer " + reader(List.of(A)))
                    .exchange().expectStatus().isNotFound().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            readsOfB.get().uri(uri + "?severity=D").header(HttpHeaders.AUTHORIZATION, "Bearer " + reader(null))
                    .exchange().expectStatus().isBadRequest();
        }
    }

    private static Map<String, Object> todayOf(String token) {
        return readsOfB.get().uri("/api/v1/sla/today").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isOk().expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
    }
}
