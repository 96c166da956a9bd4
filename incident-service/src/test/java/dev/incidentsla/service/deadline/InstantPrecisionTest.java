package dev.incidentsla.service.deadline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentsla.edge.input.HeapBodyConnector;
import dev.incidentsla.service.IncidentServiceApplication;
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
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every instant the service answers is one PostgreSQL keeps exactly (microseconds), and REST and the history say it
 * with the same digits: the instants a client leaves out, those it sends finer, and those the incident notices itself.
 * The real service, store, deadlines and clock.
 */
class InstantPrecisionTest {

    private static ConfigurableApplicationContext service;
    private static WebTestClient client;

    @BeforeAll
    static void start() throws Exception {
        Path database = Files.createTempDirectory("instant-precision");
        service = new SpringApplicationBuilder(IncidentServiceApplication.class).run("--server.port=0",
                "--incident-sla.embedded-database.directory=" + database,
                "--incident-sla.embedded-database.durable=false");
        client = HeapBodyConnector.bindToServer().baseUrl("http://localhost:" + service.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(30)).build();
        client.put().uri("/api/v1/contracts/contoso").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"customerName": "Contoso", "supportLocation": {"timeZone": "Asia/Jakarta", "country": "ID"}}""")
                .exchange().expectStatus().isOk();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    private static JsonNode post(String uri, String body, int status, Object... uriVariables) {
        return IncidentHistory.json(client.post().uri(uri, uriVariables).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isEqualTo(status).expectBody(String.class).returnResult().getResponseBody());
    }

    private static JsonNode payloadOf(String incidentId, String type) {
        return IncidentHistory.eventsOfType(client, incidentId, type).get(0).get("payload");
    }

    /** The instant as written, checked to be one PostgreSQL keeps exactly: at most six digits of fraction. */
    private static String stored(JsonNode instant) {
        String text = instant.asText();
        int dot = text.indexOf('.');
        assertThat(dot < 0 ? 0 : text.length() - dot - 2).as("fraction digits of " + text).isLessThanOrEqualTo(6);
        return text;
    }

    @Test
    void an_incident_opened_without_submitted_at_answers_the_instants_its_history_holds_to_the_digit() {
        String incident = "INC-NOW-" + UUID.randomUUID().toString().substring(0, 6);
        JsonNode opened = post("/api/v1/incidents", """
                {"incidentId": "%s", "contractId": "contoso", "severity": "1", "product": "azure-virtual-machines",
                 "channel": "PHONE"}""".formatted(incident), 201);
        JsonNode openedEvent = payloadOf(incident, "IncidentOpened");
        assertThat(stored(opened.get("submittedAt"))).isEqualTo(stored(openedEvent.get("submittedAt")));
        assertThat(stored(opened.get("firstResponse").get("dueAt")))
                .isEqualTo(stored(openedEvent.get("firstResponse").get("dueAt")))
                .isEqualTo(Instant.parse(opened.get("submittedAt").asText()).plus(Duration.ofMinutes(15)).toString());
        assertThat(stored(opened.get("firstResponse").get("atRiskAt")))
                .isEqualTo(stored(openedEvent.get("firstResponse").get("atRiskAt")));
        client.get().uri("/api/v1/incidents/{id}", incident).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.firstResponse.dueAt").isEqualTo(opened.get("firstResponse").get("dueAt").asText());

        JsonNode regraded = post("/api/v1/incidents/{id}/regrade", "{\"severity\": \"A\", \"reason\": \"customer asked\"}", 200,
                incident);
        JsonNode regradedEvent = payloadOf(incident, "IncidentRegraded");
        stored(regradedEvent.get("at"));
        assertThat(stored(regraded.get("firstResponse").get("dueAt")))
                .isEqualTo(stored(regradedEvent.get("firstResponse").get("dueAt")));

        JsonNode responded = post("/api/v1/incidents/{id}/first-response", "{\"channel\": \"PHONE\", \"engineer\": \"eng-7\"}",
                200, incident);
        assertThat(stored(responded.get("firstResponse").get("respondedAt")))
                .isEqualTo(stored(payloadOf(incident, "FirstResponseRecorded").get("respondedAt")));

        JsonNode closed = post("/api/v1/incidents/{id}/close", "{\"resolution\": \"fixed\"}", 200, incident);
        assertThat(stored(closed.get("closedAt"))).isEqualTo(stored(payloadOf(incident, "IncidentClosed").get("closedAt")));
    }

    @Test
    void a_client_instant_finer_than_microseconds_and_the_breach_the_incident_notices_are_kept_to_the_microsecond() {
        String incident = "INC-NANO-" + UUID.randomUUID().toString().substring(0, 6);
        Instant submittedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(898).plusNanos(123_456_789);
        JsonNode opened = post("/api/v1/incidents", """
                {"incidentId": "%s", "contractId": "contoso", "severity": "1", "product": "azure-virtual-machines",
                 "channel": "PHONE", "submittedAt": "%s"}""".formatted(incident, submittedAt), 201);
        assertThat(opened.get("submittedAt").asText()).isEqualTo(submittedAt.truncatedTo(ChronoUnit.MICROS).toString());

        await().atMost(Duration.ofSeconds(20))
                .until(() -> !IncidentHistory.eventsOfType(client, incident, "FirstResponseBreached").isEmpty());
        JsonNode breach = payloadOf(incident, "FirstResponseBreached");
        JsonNode warning = payloadOf(incident, "FirstResponseAtRisk");
        assertThat(stored(breach.get("dueAt"))).isEqualTo(stored(opened.get("firstResponse").get("dueAt")));
        client.get().uri("/api/v1/incidents/{id}", incident).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.firstResponse.breachDetectedAt").isEqualTo(stored(breach.get("detectedAt")))
                .jsonPath("$.firstResponse.atRiskDetectedAt").isEqualTo(stored(warning.get("detectedAt")));
    }
}
