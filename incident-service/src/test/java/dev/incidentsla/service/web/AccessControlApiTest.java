package dev.incidentsla.service.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentsla.edge.access.Roles;
import dev.incidentsla.edge.access.TestTokens;
import dev.incidentsla.edge.input.HeapBodyConnector;
import dev.incidentsla.edge.input.KeepAliveConnection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Access control with real signed JWTs (a key made for the run, RS256): each role does exactly its part, a token
 * limited to contract A finds nothing of B (404, as if absent), no token is 401 and a token without the role 403, both
 * as problems; the actor in the history is the token's subject.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccessControlApiTest {

    private static final List<String> ALL_ROLES = List.of(Roles.INCIDENT_WRITER, Roles.CONTRACT_ADMIN, Roles.SLA_READER, Roles.AUDITOR);
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        String database = Files.createTempDirectory("incident-sla-access-test-db").toString();
        registry.add("incident-sla.embedded-database.directory", () -> database);
        registry.add("incident-sla.embedded-database.durable", () -> "false");
        TestTokens.accessProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @LocalServerPort
    int port;

    private WebTestClient client;
    private String contractA;
    private String contractB;

    private record Endpoint(HttpMethod method, String uri, String body, Set<String> roles) {
    }

    @BeforeEach
    void contracts() {
        client = HeapBodyConnector.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30)).build();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        contractA = "a-" + suffix;
        contractB = "b-" + suffix;
        String admin = TestTokens.token("admin", List.of(Roles.CONTRACT_ADMIN), null);
        for (String contract : List.of(contractA, contractB)) {
            request(HttpMethod.PUT, "/api/v1/contracts/" + contract, contractBody(), admin).expectStatus().isOk();
        }
    }

    private static String contractBody() {
        return """
                {"customerName": "Contoso", "supportLocation": {"timeZone": "Asia/Jakarta", "country": "ID"}}""";
    }

    private static String openBody(String incidentId, String contractId) {
        return """
                {"incidentId": "%s", "contractId": "%s", "severity": "B", "product": "azure-virtual-machines",
                 "channel": "WEB", "submittedAt": "%s"}""".formatted(incidentId, contractId,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(1)));
    }

    private WebTestClient.ResponseSpec request(HttpMethod method, String uri, String body, String token) {
        WebTestClient.RequestBodySpec spec = client.method(method).uri(uri);
        if (token != null) {
            spec.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        return body == null ? spec.exchange() : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private String open(String incidentId, String contractId) {
        request(HttpMethod.POST, "/api/v1/incidents", openBody(incidentId, contractId),
                TestTokens.token("tooling", List.of(Roles.INCIDENT_WRITER), null)).expectStatus().isCreated();
        return incidentId;
    }

    private static void assertProblem(WebTestClient.ResponseSpec response, int status, String detail) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(status)
                .jsonPath("$.detail").value(text -> assertThat((String) text).contains(detail));
    }

    private List<Endpoint> endpoints(String incident) {
        return List.of(
                new Endpoint(HttpMethod.GET, "/api/v1/products", null, Set.copyOf(ALL_ROLES)),
                new Endpoint(HttpMethod.PUT, "/api/v1/contracts/" + contractA, contractBody(), Set.of(Roles.CONTRACT_ADMIN)),
                new Endpoint(HttpMethod.GET, "/api/v1/contracts/" + contractA, null, Set.of(Roles.CONTRACT_ADMIN, Roles.AUDITOR)),
                new Endpoint(HttpMethod.POST, "/api/v1/incidents", openBody(incident, contractA), Set.of(Roles.INCIDENT_WRITER)),
                new Endpoint(HttpMethod.GET, "/api/v1/incidents/" + incident, null,
                        Set.of(Roles.INCIDENT_WRITER, Roles.SLA_READER, Roles.AUDITOR)),
                new Endpoint(HttpMethod.POST, "/api/v1/incidents/" + incident + "/regrade", "{\"severity\": \"A\"}",
                        Set.of(Roles.INCIDENT_WRITER)),
                new Endpoint(HttpMethod.POST, "/api/v1/incidents/" + incident + "/first-response", "{\"channel\": \"PHONE\"}",
                        Set.of(Roles.INCIDENT_WRITER)),
                new Endpoint(HttpMethod.POST, "/api/v1/incidents/" + incident + "/close", "{\"resolution\": \"fixed\"}",
                        Set.of(Roles.INCIDENT_WRITER)),
                new Endpoint(HttpMethod.GET, "/api/v1/incidents/" + incident + "/events", null, Set.of(Roles.AUDITOR)),
                new Endpoint(HttpMethod.GET, "/api/v1/incidents/" + incident + "/sla", null, Set.of(Roles.AUDITOR)),
                new Endpoint(HttpMethod.GET, "/api/v1/audit/events?limit=5", null, Set.of(Roles.AUDITOR)));
    }

    @Test
    void each_role_does_exactly_its_part() {
        String incident = "INC-" + contractA;
        List<String> outcomes = new ArrayList<>();
        for (String role : ALL_ROLES) {
            String token = TestTokens.token("user-" + role, List.of(role), null);
            for (Endpoint endpoint : endpoints(incident)) {
                int status = request(endpoint.method(), endpoint.uri(), endpoint.body(), token).returnResult(String.class)
                        .getStatus().value();
                boolean allowed = endpoint.roles().contains(role);
                if (allowed ? status == 401 || status == 403 || status >= 500 : status != 403) {
                    outcomes.add(role + " " + endpoint.method() + " " + endpoint.uri() + " -> " + status);
                }
            }
        }
        assertThat(outcomes).as("role/endpoint pairs answered against the rules").isEmpty();
    }

    @Test
    void a_token_without_the_role_is_a_403_problem() {
        assertProblem(request(HttpMethod.PUT, "/api/v1/contracts/" + contractA, contractBody(),
                TestTokens.token("reader", List.of(Roles.SLA_READER), null)), 403, "roles do not allow PUT /api/v1/contracts/");
        assertProblem(request(HttpMethod.GET, "/api/v1/contracts/" + contractA, null,
                TestTokens.token("nobody", List.of(), null)), 403, "roles do not allow GET");
    }

    @Test
    void no_token_is_a_401_problem_with_a_bearer_challenge_but_health_and_the_api_description_are_open() {
        for (Endpoint endpoint : endpoints("INC-" + contractA)) {
            WebTestClient.ResponseSpec response = request(endpoint.method(), endpoint.uri(), endpoint.body(), null);
            response.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            assertProblem(response, 401, "needs a bearer token");
        }
        client.get().uri("/actuator/health").exchange().expectStatus().isOk();
        client.get().uri("/v3/api-docs").exchange().expectStatus().isOk();
    }

    /**
     * A refusal is answered before the request's body is read. The client may already be sending its next request on
     * the same connection; Reactor Netty 1.3.7 then stopped reading the connection, and that request was never answered.
     */
    @Test
    void requests_refused_before_their_bodies_were_read_leave_the_connection_answering() throws IOException {
        String body = openBody("INC-EARLY-" + contractA, contractA);
        String refused = "POST /api/v1/incidents HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
        try (KeepAliveConnection connection = KeepAliveConnection.open(port, Duration.ofSeconds(10))) {
            for (int round = 0; round < 20; round++) {
                connection.write(refused + refused);
                assertThat(List.of(connection.readStatus(), connection.readStatus())).containsExactly(401, 401);
                connection.write("GET /actuator/health HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertThat(connection.readStatus()).as("answer to the request after round %d's refusals", round)
                        .isEqualTo(200);
            }
        }
    }

    @Test
    void an_expired_or_foreign_token_is_a_401_problem() {
        assertProblem(request(HttpMethod.GET, "/api/v1/products", null, TestTokens.expired("late", ALL_ROLES)), 401,
                "the bearer token was refused");
        assertProblem(request(HttpMethod.GET, "/api/v1/products", null, TestTokens.signedByStranger("mallory", ALL_ROLES)),
                401, "the bearer token was refused");
        assertProblem(request(HttpMethod.GET, "/api/v1/products", null, "not-a-jwt"), 401, "the bearer token was refused");
    }

    @Test
    void a_token_limited_to_contract_a_finds_nothing_of_b() {
        String incidentOfB = open("INC-B-" + contractB, contractB);
        String incidentOfA = open("INC-A-" + contractA, contractA);
        String limited = TestTokens.token("partner", ALL_ROLES, List.of(contractA));

        request(HttpMethod.GET, "/api/v1/contracts/" + contractA, null, limited).expectStatus().isOk();
        request(HttpMethod.GET, "/api/v1/incidents/" + incidentOfA, null, limited).expectStatus().isOk();
        assertProblem(request(HttpMethod.GET, "/api/v1/contracts/" + contractB, null, limited), 404, "no contract");
        assertProblem(request(HttpMethod.PUT, "/api/v1/contracts/" + contractB,
                contractBody().replace("Contoso", "Hijacked"), limited), 404, "no contract");
        assertProblem(request(HttpMethod.POST, "/api/v1/incidents", openBody("INC-X-" + contractB, contractB), limited),
                404, "no contract");
        for (String path : List.of("", "/events", "/sla")) {
            assertProblem(request(HttpMethod.GET, "/api/v1/incidents/" + incidentOfB + path, null, limited), 404, "no incident");
        }
        for (String[] command : new String[][]{{"regrade", "{\"severity\": \"1\"}"}, {"first-response", "{}"}, {"close", "{}"}}) {
            assertProblem(request(HttpMethod.POST, "/api/v1/incidents/" + incidentOfB + "/" + command[0], command[1], limited),
                    404, "no incident");
        }

        String everyone = TestTokens.token("auditor", List.of(Roles.AUDITOR), null);
        request(HttpMethod.GET, "/api/v1/contracts/" + contractB, null, everyone).expectStatus().isOk()
                .expectBody().jsonPath("$.customerName").isEqualTo("Contoso").jsonPath("$.version").isEqualTo(1);
        request(HttpMethod.GET, "/api/v1/incidents/" + incidentOfB + "/events", null, everyone).expectStatus().isOk()
                .expectBody().jsonPath("$.length()").isEqualTo(1);
        request(HttpMethod.GET, "/api/v1/incidents/INC-X-" + contractB, null, everyone).expectStatus().isNotFound();
    }

    @Test
    void a_token_without_a_subject_is_a_401_problem_since_the_history_records_who_acted() {
        assertProblem(request(HttpMethod.GET, "/api/v1/products", null, TestTokens.withoutSubject(ALL_ROLES)), 401,
                "names no subject");
    }

    @Test
    void a_limited_token_choosing_an_id_of_another_contract_learns_only_that_it_is_taken() {
        String incidentOfB = open("INC-TAKEN-" + contractB, contractB);
        String limited = TestTokens.token("partner", ALL_ROLES, List.of(contractA));
        assertProblem(request(HttpMethod.POST, "/api/v1/incidents", openBody(incidentOfB, contractA), limited), 409,
                "incident id '" + incidentOfB + "' is taken: choose another");
        request(HttpMethod.GET, "/api/v1/incidents/" + incidentOfB, null, TestTokens.token("auditor", List.of(Roles.AUDITOR), null))
                .expectStatus().isOk().expectBody().jsonPath("$.contractId").isEqualTo(contractB);
    }

    @Test
    void a_limited_auditor_pages_through_what_it_may_not_see_with_the_read_through_position() throws IOException {
        open("INC-B-" + contractB, contractB);
        open("INC-A-" + contractA, contractA);
        String limited = TestTokens.token("partner", List.of(Roles.AUDITOR), List.of(contractA));
        long after = -1;
        List<String> seen = new ArrayList<>();
        for (int page = 0; page < 10_000; page++) {
            var result = client.get().uri("/api/v1/audit/events?limit=1&after=" + after)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + limited).accept(MediaType.APPLICATION_NDJSON).exchange()
                    .expectStatus().isOk().expectBody(String.class).returnResult();
            long readThrough = Long.parseLong(result.getResponseHeaders().getFirst("X-Audit-Read-Through"));
            if (readThrough == after) {
                break;
            }
            String body = result.getResponseBody();
            if (body != null && !body.isBlank()) {
                seen.add(JSON.readTree(body.strip()).get("aggregateId").asText());
            }
            after = readThrough;
        }
        assertThat(seen).contains("contract:" + contractA, "incident:INC-A-" + contractA)
                .allMatch(id -> id.equals("contract:" + contractA) || id.equals("incident:INC-A-" + contractA));
    }

    @Test
    void the_audit_stream_shows_a_limited_token_its_contracts_events_only() throws IOException {
        open("INC-B-" + contractB, contractB);
        open("INC-A-" + contractA, contractA);
        List<JsonNode> all = audit(TestTokens.token("auditor", List.of(Roles.AUDITOR), null));
        List<JsonNode> limited = audit(TestTokens.token("partner", List.of(Roles.AUDITOR), List.of(contractA)));

        String contractOfA = "contract:" + contractA;
        String incidentOfA = "incident:INC-A-" + contractA;
        assertThat(all).anyMatch(entry -> entry.get("aggregateId").asText().equals("incident:INC-B-" + contractB));
        assertThat(limited).extracting(entry -> entry.get("aggregateId").asText())
                .contains(contractOfA, incidentOfA)
                .allMatch(id -> id.equals(contractOfA) || id.equals(incidentOfA));
    }

    @Test
    void a_limited_auditor_replaying_everything_in_one_response_sees_its_contracts_events_only() throws IOException {
        open("INC-B-" + contractB, contractB);
        open("INC-A-" + contractA, contractA);
        String body = client.get().uri("/api/v1/audit/events?all=true")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.token("partner", List.of(Roles.AUDITOR), List.of(contractA)))
                .accept(MediaType.APPLICATION_NDJSON).exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
        List<String> seen = new ArrayList<>();
        for (String line : Arrays.stream(body.split("\n")).filter(line -> !line.isBlank()).toList()) {
            seen.add(JSON.readTree(line).get("aggregateId").asText());
        }
        assertThat(seen).contains("contract:" + contractA, "incident:INC-A-" + contractA)
                .allMatch(id -> id.equals("contract:" + contractA) || id.equals("incident:INC-A-" + contractA));
    }

    @Test
    void the_actor_recorded_is_the_token_subject_and_x_actor_only_adds_to_it() {
        String incident = "INC-ACT-" + contractA;
        client.post().uri("/api/v1/incidents").header(HttpHeaders.AUTHORIZATION, "Bearer "
                        + TestTokens.token("svc-support-tooling", List.of(Roles.INCIDENT_WRITER), null))
                .header("X-Actor", "alice").contentType(MediaType.APPLICATION_JSON).bodyValue(openBody(incident, contractA))
                .exchange().expectStatus().isCreated();
        request(HttpMethod.GET, "/api/v1/incidents/" + incident + "/events", null,
                TestTokens.token("auditor", List.of(Roles.AUDITOR), null)).expectStatus().isOk().expectBody()
                .jsonPath("$[0].metadata.actor").isEqualTo("svc-support-tooling")
                .jsonPath("$[0].metadata.onBehalfOf").isEqualTo("alice");
    }

    private List<JsonNode> audit(String token) throws IOException {
        String body = client.get().uri("/api/v1/audit/events?limit=10000").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .accept(MediaType.APPLICATION_NDJSON).exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
        List<JsonNode> entries = new ArrayList<>();
        for (String line : Arrays.stream(body.split("\n")).filter(line -> !line.isBlank()).toList()) {
            entries.add(JSON.readTree(line));
        }
        return entries;
    }
}
