package dev.incidentsla.service.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentsla.edge.access.Roles;
import dev.incidentsla.edge.access.TestTokens;
import dev.incidentsla.edge.input.HeapBodyConnector;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * GET /api/v1/incidents with access control on (real signed JWTs): the roles that read incidents list them, a token
 * limited to some contracts lists theirs only and finds another contract absent (404), as the rest of the API does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IncidentListAccessApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        String database = Files.createTempDirectory("incident-sla-list-access-test-db").toString();
        registry.add("incident-sla.embedded-database.directory", () -> database);
        registry.add("incident-sla.embedded-database.durable", () -> "false");
        TestTokens.accessProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @LocalServerPort
    int port;

    @Test
    void readers_list_the_contracts_their_token_allows_and_others_are_refused() throws IOException {
        WebTestClient client = HeapBodyConnector.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String contractA = "a-" + suffix;
        String contractB = "b-" + suffix;
        String admin = TestTokens.token("admin", List.of(Roles.CONTRACT_ADMIN), null);
        String writer = TestTokens.token("tooling", List.of(Roles.INCIDENT_WRITER), null);
        for (String contract : List.of(contractA, contractB)) {
            client.put().uri("/api/v1/contracts/{id}", contract).header(HttpHeaders.AUTHORIZATION, "Bearer " + admin)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("""
                            {"customerName": "Contoso", "supportLocation": {"timeZone": "Asia/Jakarta", "country": "ID"}}""")
                    .exchange().expectStatus().isOk();
            for (int i = 0; i < 2; i++) {
                client.post().uri("/api/v1/incidents").header(HttpHeaders.AUTHORIZATION, "Bearer " + writer)
                        .contentType(MediaType.APPLICATION_JSON).bodyValue("""
                                {"incidentId": "%s-%d", "contractId": "%s", "severity": "B",
                                 "product": "azure-virtual-machines", "channel": "WEB"}""".formatted(contract, i, contract))
                        .exchange().expectStatus().isCreated();
            }
        }
        String limitedToA = TestTokens.token("contoso-tools", List.of(Roles.SLA_READER), List.of(contractA));
        String unlimited = TestTokens.token("duty-manager", List.of(Roles.SLA_READER), null);

        // every one of the four opens listed, not only one of each contract: the list catches up a batch at a time
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(contractsListed(client, unlimited,
                "/api/v1/incidents?limit=500")).filteredOn(List.of(contractA, contractB)::contains)
                .containsExactlyInAnyOrder(contractA, contractA, contractB, contractB));
        assertThat(contractsListed(client, limitedToA, "/api/v1/incidents?limit=500")).containsExactly(contractA, contractA);
        assertThat(contractsListed(client, limitedToA, "/api/v1/incidents?contractId=" + contractA)).containsExactly(contractA, contractA);
        client.get().uri("/api/v1/incidents?contractId={b}", contractB).header(HttpHeaders.AUTHORIZATION, "Bearer " + limitedToA)
                .exchange().expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);

        for (String role : List.of(Roles.INCIDENT_WRITER, Roles.SLA_READER, Roles.AUDITOR)) {
            assertThat(contractsListed(client, TestTokens.token("reader", List.of(role), null),
                    "/api/v1/incidents?contractId=" + contractB)).as(role).containsExactly(contractB, contractB);
        }
        client.get().uri("/api/v1/incidents").header(HttpHeaders.AUTHORIZATION, "Bearer " + admin)
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        client.get().uri("/api/v1/incidents").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    /**
     * A claim of hundreds of contracts is read as one set per combination of the other filters: a range per contract
     * would pass the database driver's limit on a statement's parameters.
     */
    @Test
    void a_token_of_five_hundred_contracts_lists_theirs_newest_first_page_after_page() throws IOException {
        WebTestClient client = HeapBodyConnector.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String admin = TestTokens.token("admin", List.of(Roles.CONTRACT_ADMIN), null);
        String writer = TestTokens.token("tooling", List.of(Roles.INCIDENT_WRITER), null);
        List<String> contracts = List.of("p-" + suffix, "q-" + suffix, "r-" + suffix);
        for (String contract : contracts) {
            client.put().uri("/api/v1/contracts/{id}", contract).header(HttpHeaders.AUTHORIZATION, "Bearer " + admin)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("""
                            {"customerName": "Contoso", "supportLocation": {"timeZone": "Asia/Jakarta", "country": "ID"}}""")
                    .exchange().expectStatus().isOk();
        }
        List<String> opened = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            String contract = contracts.get(i % 3);
            String incidentId = contract + "-" + i;
            client.post().uri("/api/v1/incidents").header(HttpHeaders.AUTHORIZATION, "Bearer " + writer)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("""
                            {"incidentId": "%s", "contractId": "%s", "severity": "%s", "product": "azure-virtual-machines",
                             "channel": "WEB", "submittedAt": "2026-11-20T0%d:00:00Z"}""".formatted(incidentId, contract,
                            i % 2 == 0 ? "B" : "C", i / 2))
                    .exchange().expectStatus().isCreated();
            opened.add(incidentId);
        }
        List<String> claim = new ArrayList<>(List.of(contracts.get(0), contracts.get(2)));
        for (int i = 0; claim.size() < 500; i++) {
            claim.add("z" + i);
        }
        String fiveHundred = TestTokens.token("account-team", List.of(Roles.SLA_READER), claim);
        String unlimited = TestTokens.token("duty-manager", List.of(Roles.SLA_READER), null);
        // newest submission first (incidents i and i + 1 share an hour when i is even), ties by incident id descending
        List<String> expected = opened.stream().filter(id -> !id.startsWith(contracts.get(1)))
                .sorted(Comparator.comparing((String id) -> ordinal(id) / 2).thenComparing(Comparator.naturalOrder()).reversed())
                .toList();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(incidentsListed(client, unlimited,
                "/api/v1/incidents?limit=500")).containsAll(opened));

        assertThat(incidentsListed(client, fiveHundred, "/api/v1/incidents?limit=500")).hasSize(6).isEqualTo(expected);
        assertThat(incidentsListed(client, fiveHundred, "/api/v1/incidents?severity=C&limit=500"))
                .isEqualTo(expected.stream().filter(id -> ordinal(id) % 2 == 1).toList());
        List<String> paged = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = JSON.readTree(client.get().uri("/api/v1/incidents?limit=2" + (after == null ? "" : "&after=" + after))
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + fiveHundred).exchange().expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody());
            page.path("items").forEach(item -> paged.add(item.path("incidentId").asText()));
            after = page.path("next").isNull() ? null : page.path("next").asText();
        } while (after != null);
        assertThat(paged).isEqualTo(expected);
    }

    private static int ordinal(String incidentId) {
        return Integer.parseInt(incidentId.substring(incidentId.lastIndexOf('-') + 1));
    }

    private static List<String> incidentsListed(WebTestClient client, String token, String uri) throws IOException {
        JsonNode page = JSON.readTree(client.get().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        List<String> incidents = new ArrayList<>();
        page.path("items").forEach(item -> incidents.add(item.path("incidentId").asText()));
        return incidents;
    }

    private static List<String> contractsListed(WebTestClient client, String token, String uri) throws IOException {
        JsonNode page = JSON.readTree(client.get().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        List<String> contracts = new ArrayList<>();
        page.path("items").forEach(item -> contracts.add(item.path("contractId").asText()));
        return contracts;
    }
}
