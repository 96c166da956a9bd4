package dev.incidentsla.service;

import dev.incidentsla.edge.input.HeapBodyConnector;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole application contexts started by hand: two nodes on one PostgreSQL racing on one incident, and a
 * restart that finds its data where it left it.
 */
class NodesAndRestartTest {

    @TempDir
    Path database;

    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
    }

    private ConfigurableApplicationContext start(String... properties) {
        List<String> all = new ArrayList<>(List.of("server.port=0", "incident-sla.command-retries=20"));
        all.addAll(List.of(properties));
        ConfigurableApplicationContext node = new SpringApplicationBuilder(IncidentServiceApplication.class)
                .run(all.stream().map(property -> "--" + property).toArray(String[]::new));
        nodes.add(node);
        return node;
    }

    private ConfigurableApplicationContext startWithEmbeddedDatabase() {
        return start("incident-sla.embedded-database.directory=" + database);
    }

    /** Recent enough that no deadline passes while the test runs (deadlines record facts of their own). */
    private static final Instant SUBMITTED = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);

    private static WebTestClient clientOf(ConfigurableApplicationContext node) {
        return HeapBodyConnector.bindToServer()
                .baseUrl("http://localhost:" + node.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(60)).build();
    }

    private static void registerContractAndIncident(WebTestClient client) {
        client.put().uri("/api/v1/contracts/contoso").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"customerName": "Contoso", "supportLocation": {"timeZone": "Asia/Jakarta", "country": "ID"},
                 "programs": [{"program": "UER"}]}""").exchange().expectStatus().isOk();
        client.post().uri("/api/v1/incidents").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"incidentId": "INC-RACE", "contractId": "contoso", "severity": "C", "product": "azure-virtual-machines",
                 "channel": "WEB", "submittedAt": "%s"}""".formatted(SUBMITTED)).exchange().expectStatus().isCreated();
    }

    @Test
    void concurrent_regrades_through_two_nodes_all_land_once_in_order_without_a_lost_update() throws Exception {
        ConfigurableApplicationContext first = startWithEmbeddedDatabase();
        String url = first.getBean(EmbeddedPostgres.class).getJdbcUrl("postgres", "postgres");
        ConfigurableApplicationContext second = start("spring.profiles.active=production", "incident-sla.access.enabled=false", "server.address=127.0.0.1",
                "spring.datasource.url=" + url, "spring.datasource.username=postgres");
        List<WebTestClient> clients = List.of(clientOf(first), clientOf(second));
        registerContractAndIncident(clients.get(0));

        List<String> grades = List.of("B/false", "B/true", "A/false", "A/true", "1/false", "1/true", "C/true");
        ExecutorService pool = Executors.newFixedThreadPool(grades.size());
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < grades.size(); i++) {
                String[] grade = grades.get(i).split("/");
                WebTestClient client = clients.get(i % 2);
                Callable<Integer> regrade = () -> client.post().uri("/api/v1/incidents/INC-RACE/regrade")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"severity\": \"%s\", \"aroundTheClock\": %s, \"at\": \"%s\"}"
                                .formatted(grade[0], grade[1], SUBMITTED.plusSeconds(30)))
                        .exchange().returnResult(String.class).getStatus().value();
                statuses.add(pool.submit(regrade));
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }

        List<?> events = clients.get(1).get().uri("/api/v1/incidents/INC-RACE/events").exchange()
                .expectStatus().isOk().expectBody(List.class).returnResult().getResponseBody();
        assertThat(events).hasSize(1 + grades.size());
        Set<String> applied = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            var event = (java.util.Map<?, ?>) events.get(i);
            assertThat(((Number) event.get("sequence")).intValue()).isEqualTo(i);
            if (i > 0) {
                var payload = (java.util.Map<?, ?>) event.get("payload");
                applied.add(payload.get("severity") + "/" + payload.get("aroundTheClock"));
            }
        }
        assertThat(applied).containsExactlyInAnyOrderElementsOf(grades);
        var last = (java.util.Map<?, ?>) ((java.util.Map<?, ?>) events.get(events.size() - 1)).get("payload");
        clients.get(0).get().uri("/api/v1/incidents/INC-RACE").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.severity").isEqualTo(last.get("severity"))
                .jsonPath("$.aroundTheClock").isEqualTo(last.get("aroundTheClock"))
                .jsonPath("$.sequence").isEqualTo(grades.size());
    }

    @Test
    void a_restarted_service_finds_its_contracts_and_incidents_where_it_left_them() {
        ConfigurableApplicationContext before = startWithEmbeddedDatabase();
        registerContractAndIncident(clientOf(before));
        String viewBefore = clientOf(before).get().uri("/api/v1/incidents/INC-RACE").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        before.close();
        nodes.remove(before);

        ConfigurableApplicationContext after = startWithEmbeddedDatabase();
        WebTestClient client = clientOf(after);
        client.get().uri("/api/v1/contracts/contoso").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.version").isEqualTo(1);
        String viewAfter = client.get().uri("/api/v1/incidents/INC-RACE").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(viewAfter).isEqualTo(viewBefore);
        client.post().uri("/api/v1/incidents/INC-RACE/close").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"closedAt\": \"%s\"}".formatted(SUBMITTED.plusSeconds(40))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.sequence").isEqualTo(1);
    }
}
