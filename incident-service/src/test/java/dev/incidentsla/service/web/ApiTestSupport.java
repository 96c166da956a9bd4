package dev.incidentsla.service.web;

import dev.incidentsla.edge.input.HeapBodyConnector;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/**
 * The whole service on a random port over a real PostgreSQL (embedded, in a fresh directory), with the
 * clock fixed at {@link #NOW}. Test classes share one application context; ids are unique per test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ApiTestSupport.FixedClock.class)
abstract class ApiTestSupport {

    static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final Path DATABASE = temporaryDirectory();

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {

        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("incident-sla.embedded-database.directory", DATABASE::toString);
        registry.add("incident-sla.embedded-database.durable", () -> "false");
        // Groups on, in one lane, waiting as long as the tests hold a command: concurrent commands of these tests all meet
        // in it, so that groups are exercised everywhere.
        registry.add("incident-sla.command-groups.enabled", () -> "true");
        registry.add("incident-sla.command-groups.lanes", () -> "1");
        registry.add("incident-sla.command-groups.max-wait", () -> "60s");
    }

    @LocalServerPort
    int port;

    WebTestClient client;
    String suffix;

    @BeforeEach
    void connect() {
        client = HeapBodyConnector.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30)).build();
        suffix = UUID.randomUUID().toString().substring(0, 8);
    }

    String putContract(String contractId, String body) {
        client.put().uri("/api/v1/contracts/{id}", contractId).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isOk();
        return contractId;
    }

    String jakartaContract(String programs) {
        return putContract("contoso-" + suffix, """
                {"customerName": "Contoso", "supportLocation": {"timeZone": "Asia/Jakarta", "country": "ID"},
                 "programs": [%s]}""".formatted(programs));
    }

    WebTestClient.ResponseSpec post(String uri, String body, Object... variables) {
        return client.post().uri(uri, variables).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    WebTestClient.ResponseSpec openIncident(String incidentId, String contractId, String severity, String submittedAt) {
        return post("/api/v1/incidents", """
                {"incidentId": "%s", "contractId": "%s", "severity": "%s", "product": "azure-virtual-machines",
                 "channel": "WEB", "aroundTheClock": false, "submittedAt": "%s", "title": "VM scale set cannot start"}"""
                .formatted(incidentId, contractId, severity, submittedAt));
    }

    static void assertProblem(WebTestClient.ResponseSpec response, int status, String detailContains) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(status)
                .jsonPath("$.title").isNotEmpty()
                .jsonPath("$.detail").value(detail -> org.assertj.core.api.Assertions.assertThat((String) detail)
                        .contains(detailContains))
                .jsonPath("$.trace").doesNotExist();
    }

    static Map<String, Object> noMap() {
        return Map.of();
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("incident-sla-test-db");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
