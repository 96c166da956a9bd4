package dev.incidentsla.projection.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentsla.edge.openapi.OpenApiContract;
import dev.incidentsla.projection.SlaProjectionApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.incidentsla.edge.openapi.OpenApiContract.assertEnum;
import static dev.incidentsla.edge.openapi.OpenApiContract.assertErrorResponses;
import static dev.incidentsla.edge.openapi.OpenApiContract.assertEveryPropertyIsEnum;
import static dev.incidentsla.edge.openapi.OpenApiContract.assertNoWildcardContent;
import static dev.incidentsla.edge.openapi.OpenApiContract.assertParameterEnum;
import static dev.incidentsla.edge.openapi.OpenApiContract.assertRequestBodies;
import static dev.incidentsla.edge.openapi.OpenApiContract.assertRequired;
import static dev.incidentsla.edge.openapi.OpenApiContract.assertSwaggerUi;
import static dev.incidentsla.edge.openapi.OpenApiContract.documentedOperations;
import static dev.incidentsla.edge.openapi.OpenApiContract.mappedOperations;
import static dev.incidentsla.edge.openapi.OpenApiContract.names;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CI check of the projection's OpenAPI document, as springdoc generates it from the code: every endpoint the
 * application maps is documented (and nothing else), with its error responses as problems, no wildcard content and
 * enums. The projection runs on an embedded PostgreSQL with the event store's tables and no Kafka broker (its
 * bootstrap address points at a closed port): the document needs none. Written to
 * {@code target/openapi/sla-projection.json}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractTest {

    private EmbeddedPostgres postgres;
    private ConfigurableApplicationContext projection;
    private WebTestClient client;
    private JsonNode document;

    @BeforeAll
    void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        Flyway.configure().dataSource(postgres.getPostgresDatabase()).locations("classpath:db/migration").load().migrate();
        projection = SlaProjectionApplication.application().run("--server.port=0",
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--sla-projection.kafka.bootstrap-servers=127.0.0.1:" + closedPort());
        client = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + projection.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(30)).build();
        document = OpenApiContract.fetch(client, Path.of("target", "openapi", "sla-projection.json"));
    }

    @AfterAll
    void stop() throws Exception {
        if (projection != null) {
            projection.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void every_mapped_endpoint_is_documented_and_nothing_else() {
        Set<String> mapped = mappedOperations(projection);
        assertThat(mapped).contains("GET /api/v1/sla/pending", "GET /api/v1/sla/breaches", "GET /api/v1/reports/first-response",
                "GET /api/v1/reports/{timer}");
        assertThat(documentedOperations(document)).isEqualTo(mapped);
    }

    @Test
    void every_operation_documents_its_error_responses_as_problems_and_its_role() {
        assertErrorResponses(document);
        JsonNode pending = document.path("paths").path("/api/v1/sla/pending").path("get").path("responses");
        assertThat(names(pending)).as("a contract outside the token's contracts").contains("404");
    }

    @Test
    void no_content_is_a_wildcard() {
        assertNoWildcardContent(document);
    }

    @Test
    void request_bodies_and_views_declare_their_required_fields() {
        assertRequestBodies(document, Map.of());
        assertRequired(document, "PendingSla", "incidentId", "contractId", "severity", "program", "dueAt", "timeLeft");
        assertRequired(document, "Breach", "incidentId", "contractId", "severity", "program", "dueAt", "detectedAt");
        assertRequired(document, "ComplianceReport", "rows");
        assertRequired(document, "ComplianceReportRow", "total", "met", "breached", "cancelled", "pending", "metRatio");
    }

    @Test
    void closed_value_sets_are_enums() {
        assertEveryPropertyIsEnum(document, "severity", "channel", "program", "status", "clock", "family", "party");
        assertEnum(document, "PendingSla", "severity", List.of("1", "A", "B", "C"));
        assertEnum(document, "PendingSla", "program", ProjectionOpenApi.PROGRAMS);
        assertEnum(document, "Breach", "program", ProjectionOpenApi.PROGRAMS);
        assertEnum(document, "Breach", "status", List.of("PENDING", "MET", "BREACHED", "CANCELLED"));
        assertEnum(document, "Breach", "clock", List.of("ROUND_THE_CLOCK", "BUSINESS_HOURS"));
        assertEnum(document, "ComplianceReportRow", "severity", List.of("1", "A", "B", "C"));
        assertEnum(document, "ComplianceReportRow", "program", ProjectionOpenApi.PROGRAMS);
        assertEnum(document, "ComplianceReportRow", "party", List.of("MICROSOFT", "CUSTOMER"));
        assertParameterEnum(document, "GET /api/v1/reports/{timer}", "timer", List.of("crit-sit-assignment",
                "root-cause-analysis", "customer-change-control", "customer-responsiveness"));
        assertParameterEnum(document, "GET /api/v1/sla/pending", "severity", List.of("1", "A", "B", "C"));
        assertParameterEnum(document, "GET /api/v1/sla/pending", "program", ProjectionOpenApi.PROGRAMS);
    }

    @Test
    void the_reports_answer_json_or_csv() {
        for (String path : List.of("/api/v1/reports/first-response", "/api/v1/reports/{timer}")) {
            JsonNode content = document.path("paths").path(path).path("get").path("responses").path("200").path("content");
            assertThat(names(content)).as(path).containsExactlyInAnyOrder("application/json", "text/csv");
            assertThat(content.path("application/json").path("schema").path("$ref").asText()).as(path).endsWith("/ComplianceReport");
        }
    }

    @Test
    void a_timers_report_takes_the_first_responses_parameters_and_documents_an_unknown_timer() {
        JsonNode timerReport = document.path("paths").path("/api/v1/reports/{timer}").path("get");
        JsonNode firstResponse = document.path("paths").path("/api/v1/reports/first-response").path("get");
        for (String parameter : List.of("from", "to", "groupBy")) {
            assertThat(parameter(timerReport, parameter)).as(parameter).isNotNull().isEqualTo(parameter(firstResponse, parameter));
        }
        assertThat(timerReport.path("responses").path("404").path("description").asText()).contains("`timer`");
    }

    private static JsonNode parameter(JsonNode operation, String name) {
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("name").asText().equals(name)) {
                return parameter;
            }
        }
        return null;
    }

    @Test
    void the_live_view_documents_its_stream_of_changes_and_todays_figures() {
        assertThat(names(document.path("paths").path("/api/v1/sla/stream").path("get").path("responses").path("200")
                .path("content"))).containsExactly("text/event-stream");
        assertRequired(document, "LiveChange", "incidentId", "contractId", "severity", "program", "dueAt", "timeLeft", "status");
        assertEnum(document, "LiveChange", "status", List.of("PENDING", "MET", "BREACHED", "CANCELLED"));
        assertEnum(document, "LiveChange", "program", ProjectionOpenApi.PROGRAMS);
        assertParameterEnum(document, "GET /api/v1/sla/stream", "severity", List.of("1", "A", "B", "C"));
        assertRequired(document, "Today", "since", "met", "breached");
    }

    @Test
    void the_swagger_ui_is_served() {
        assertSwaggerUi(client);
    }
}
