package dev.incidentsla.projection.web;

import dev.incidentsla.edge.access.Roles;
import dev.incidentsla.edge.access.TestTokens;
import dev.incidentsla.projection.SlaProjectionApplication;
import dev.incidentsla.projection.pipeline.KafkaBrokerProcess;
import dev.incidentsla.projection.pipeline.Teardown;
import dev.incidentsla.service.IncidentServiceApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboards' reads with access control on and real signed JWTs: only SLA readers read, and a token limited to
 * contract A sees A's pending SLAs and breaches only, and B as absent.
 */
class DashboardAccessTest {

    private static final String A = "access-a";
    private static final String B = "access-b";

    private static Path directory;
    private static KafkaBrokerProcess broker;
    private static ConfigurableApplicationContext incidentService;
    private static ConfigurableApplicationContext projection;
    private static WebTestClient dashboards;

    @BeforeAll
    static void start() throws Exception {
        directory = Files.createTempDirectory("dashboard-access");
        broker = new KafkaBrokerProcess(Files.createDirectories(directory.resolve("kafka")));
        broker.start();
        incidentService = new SpringApplicationBuilder(IncidentServiceApplication.class).run("--server.port=0",
                "--incident-sla.embedded-database.directory=" + directory.resolve("postgres"),
                "--incident-sla.embedded-database.durable=false");
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                "--spring.datasource.url=" + incidentService.getBean(EmbeddedPostgres.class).getJdbcUrl("postgres", "postgres"),
                "--sla-projection.kafka.bootstrap-servers=" + broker.bootstrapServers()));
        TestTokens.accessProperties().forEach((name, value) -> arguments.add("--" + name + "=" + value));
        projection = SlaProjectionApplication.application().run(arguments.toArray(String[]::new));
        dashboards = client(projection);

        WebTestClient incidents = client(incidentService);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (String contract : List.of(A, B)) {
            incidents.put().uri("/api/v1/contracts/" + contract).contentType(MediaType.APPLICATION_JSON).bodyValue("""
                    {"customerName": "C", "supportLocation": {"timeZone": "Asia/Jakarta", "country": "ID"}}""")
                    .exchange().expectStatus().isOk();
            open(incidents, "INC-PENDING-" + contract, contract, "B", now.minusSeconds(60));
            open(incidents, "INC-LATE-" + contract, contract, "1", now.minus(Duration.ofHours(2)));
        }
        String everything = TestTokens.token("ops", List.of(Roles.SLA_READER), null);
        await().atMost(Duration.ofSeconds(30)).until(() -> body("/api/v1/sla/breaches", everything).contains("INC-LATE-" + B)
                && body("/api/v1/sla/pending", everything).contains("INC-PENDING-" + B));
    }

    @AfterAll
    static void stop() throws Exception {
        Teardown.closeInOrder(projection, incidentService, broker);
    }

    private static void open(WebTestClient incidents, String incidentId, String contract, String severity, Instant submittedAt) {
        incidents.post().uri("/api/v1/incidents").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"incidentId": "%s", "contractId": "%s", "severity": "%s", "product": "azure-virtual-machines",
                 "channel": "PHONE", "submittedAt": "%s"}""".formatted(incidentId, contract, severity, submittedAt))
                .exchange().expectStatus().isCreated();
    }

    private static WebTestClient client(ConfigurableApplicationContext context) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + context.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    private static WebTestClient.ResponseSpec get(String uri, String token) {
        WebTestClient.RequestHeadersSpec<?> request = dashboards.get().uri(uri);
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        return request.exchange();
    }

    private static String body(String uri, String token) {
        return get(uri, token).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    @Test
    void a_token_limited_to_contract_a_reads_a_only_and_b_as_absent() {
        String limited = TestTokens.token("partner", List.of(Roles.SLA_READER), List.of(A));
        assertThat(body("/api/v1/sla/pending", limited)).contains("INC-PENDING-" + A).doesNotContain(B);
        assertThat(body("/api/v1/sla/breaches", limited)).contains("INC-LATE-" + A).doesNotContain(B);
        assertThat(body("/api/v1/sla/pending?contractId=" + A, limited)).contains("INC-PENDING-" + A);
        get("/api/v1/sla/pending?contractId=" + B, limited).expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("no contract '" + B + "'");
    }

    @Test
    void only_sla_readers_read_and_no_token_is_401() {
        for (String uri : List.of("/api/v1/sla/pending", "/api/v1/sla/breaches")) {
            get(uri, null).expectStatus().isUnauthorized().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            for (String role : List.of(Roles.INCIDENT_WRITER, Roles.CONTRACT_ADMIN, Roles.AUDITOR)) {
                get(uri, TestTokens.token("someone", List.of(role), null)).expectStatus().isForbidden()
                        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            }
        }
        dashboards.get().uri("/actuator/health").exchange().expectStatus().value(status -> assertThat(status).isNotIn(401, 403));
    }
}
