package dev.incidentsla.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentsla.localkafka.TopicRecorder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The production shape: two incident-service nodes and two sla-projection nodes, each a process of its own, on one
 * PostgreSQL and one Kafka broker. Incidents keep arriving while one node of each kind is killed with SIGKILL; a
 * Kafka consumer sees what dashboards see. Time is real: deadlines pass while the test runs.
 */
class ClusterFailoverTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BREACHES = "incident.sla.breaches";
    private static final String WARNINGS = "incident.sla.warnings";
    private static final Duration SEV_1_TARGET = Duration.ofMinutes(15);
    private static final Duration LOAD = Duration.ofSeconds(36);
    private static final Duration KILL_AFTER = Duration.ofSeconds(12);
    private static final Duration OPEN_EVERY = Duration.ofMillis(150);

    private static Path directory;
    private static EmbeddedPostgres postgres;
    private static NodeProcess broker;
    private static String bootstrap;
    private static final List<NodeProcess> nodes = new ArrayList<>();
    private static int incidentsA;
    private static int incidentsB;
    private static NodeProcess incidentNodeA;
    private static NodeProcess projectionNodeA;

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static TopicRecorder consumer;

    @BeforeAll
    static void startCluster() throws Exception {
        directory = Files.createTempDirectory("cluster");
        Path logs = Files.createDirectories(directory.resolve("logs"));
        postgres = EmbeddedPostgres.builder().setDataDirectory(directory.resolve("postgres")).start();
        String database = postgres.getJdbcUrl("postgres", "postgres");
        int brokerPort = NodeProcess.freeBrokerPort();
        bootstrap = "127.0.0.1:" + brokerPort;
        broker = NodeProcess.start("kafka", logs, "dev.incidentsla.localkafka.LocalKafkaBroker",
                List.of(directory.resolve("kafka").toString(), Integer.toString(brokerPort)))
                .awaitListening(brokerPort, Duration.ofSeconds(60));

        incidentsA = NodeProcess.freePort();
        incidentsB = NodeProcess.freePort();
        incidentNodeA = startIncidentNode("incident-a", logs, incidentsA, database);
        NodeProcess incidentNodeB = startIncidentNode("incident-b", logs, incidentsB, database);
        incidentNodeA.awaitHealthy(incidentsA, Duration.ofSeconds(120));
        incidentNodeB.awaitHealthy(incidentsB, Duration.ofSeconds(120));
        int projectionA = NodeProcess.freePort();
        int projectionB = NodeProcess.freePort();
        projectionNodeA = startProjectionNode("projection-a", logs, projectionA, database);
        NodeProcess projectionNodeB = startProjectionNode("projection-b", logs, projectionB, database);
        projectionNodeA.awaitHealthy(projectionA, Duration.ofSeconds(120));
        projectionNodeB.awaitHealthy(projectionB, Duration.ofSeconds(120));

        HttpResponse<String> contract = send(incidentsA, "PUT", "/api/v1/contracts/contoso", """
                {"customerName": "Contoso", "supportLocation": {"timeZone": "Asia/Jakarta", "country": "ID"}}""");
        assertThat(contract.statusCode()).isEqualTo(200);
        consumer = TopicRecorder.start(bootstrap, "cluster-test", List.of(BREACHES, WARNINGS));
    }

    private static NodeProcess startIncidentNode(String name, Path logs, int port, String database) throws IOException {
        NodeProcess node = NodeProcess.start(name, logs, "dev.incidentsla.service.IncidentServiceApplication", List.of(
                "--server.port=" + port, "--spring.profiles.active=production", "--incident-sla.access.enabled=false", "--server.address=127.0.0.1",
                "--spring.datasource.url=" + database,
                "--spring.datasource.username=postgres", "--incident-sla.command-retries=20"));
        nodes.add(node);
        return node;
    }

    private static NodeProcess startProjectionNode(String name, Path logs, int port, String database) throws IOException {
        NodeProcess node = NodeProcess.start(name, logs, "dev.incidentsla.projection.SlaProjectionApplication", List.of(
                "--server.port=" + port, "--spring.datasource.url=" + database, "--spring.datasource.username=postgres",
                "--sla-projection.kafka.bootstrap-servers=" + bootstrap));
        nodes.add(node);
        return node;
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (consumer != null) {
            consumer.close();
        }
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
        if (broker != null) {
            broker.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }


    private static HttpResponse<String> send(int port, String method, String path, String body) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An incident whose open the service acknowledged, and whether its response was acknowledged too. */
    private record Acknowledged(String incidentId, Instant dueAt, boolean answered) {
    }

    @Test
    void killing_one_node_of_each_kind_under_load_loses_no_open_and_gives_each_unanswered_incident_exactly_one_breach_id()
            throws Exception {
        List<Acknowledged> acknowledged = new ArrayList<>();
        Set<String> unacknowledged = ConcurrentHashMap.newKeySet();
        Instant start = Instant.now();
        Instant killAt = start.plus(KILL_AFTER);
        boolean killed = false;
        for (int n = 0; Instant.now().isBefore(start.plus(LOAD)); n++) {
            Thread.sleep(OPEN_EVERY.toMillis());
            if (!killed && Instant.now().isAfter(killAt)) {
                incidentNodeA.kill();
                projectionNodeA.kill();
                killed = true;
            }
            String incident = "INC-" + n + "-" + UUID.randomUUID().toString().substring(0, 4);
            Instant submittedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(SEV_1_TARGET).plusSeconds(8 + n % 12);
            int port = killed || n % 2 == 0 ? incidentsB : incidentsA;
            boolean answer = n % 3 == 0;
            HttpResponse<String> opened;
            try {
                opened = send(port, "POST", "/api/v1/incidents", """
                        {"incidentId": "%s", "contractId": "contoso", "severity": "1", "product": "azure-virtual-machines",
                         "channel": "PHONE", "submittedAt": "%s"}""".formatted(incident, submittedAt));
            } catch (IOException nodeGone) {
                unacknowledged.add(incident);
                continue;
            }
            if (opened.statusCode() != 201) {
                unacknowledged.add(incident);
                continue;
            }
            Instant dueAt = Instant.parse(json(opened.body()).get("firstResponse").get("dueAt").asText());
            boolean answered = answer && send(incidentsB, "POST", "/api/v1/incidents/" + incident + "/first-response",
                    "{\"channel\": \"PHONE\", \"engineer\": \"eng-7\"}").statusCode() == 200;
            acknowledged.add(new Acknowledged(incident, dueAt, answered));
        }
        assertThat(killed).isTrue();
        assertThat(acknowledged).hasSizeGreaterThan(100);

        Instant lastDeadline = acknowledged.stream().map(Acknowledged::dueAt).max(Instant::compareTo).orElseThrow();
        List<Acknowledged> unanswered = acknowledged.stream().filter(incident -> !incident.answered()).toList();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() ->
                Instant.now().isAfter(lastDeadline.plusSeconds(5)) && breachIds().keySet().containsAll(
                        unanswered.stream().map(Acknowledged::incidentId).toList()));
        Thread.sleep(3_000);

        Map<String, Set<String>> breaches = breachIds();
        for (Acknowledged incident : acknowledged) {
            if (incident.answered()) {
                assertThat(breaches).as("answered %s", incident.incidentId()).doesNotContainKey(incident.incidentId());
            } else {
                assertThat(breaches.get(incident.incidentId())).as("breach ids of %s", incident.incidentId())
                        .containsExactly("breach:" + incident.incidentId() + ":" + incident.dueAt());
            }
        }
        for (Acknowledged incident : acknowledged) {
            HttpResponse<String> events = send(incidentsB, "GET", "/api/v1/incidents/" + incident.incidentId() + "/events", null);
            assertThat(events.statusCode()).as("acknowledged open of %s survives", incident.incidentId()).isEqualTo(200);
            List<String> types = new ArrayList<>();
            json(events.body()).forEach(event -> types.add(event.get("type").asText()));
            assertThat(types.contains("FirstResponseBreached")).as("breach in the history of %s", incident.incidentId())
                    .isEqualTo(!incident.answered());
        }
        System.out.printf("cluster failover: %d acknowledged (%d unanswered), %d not acknowledged, %d breach records%n",
                acknowledged.size(), unanswered.size(), unacknowledged.size(),
                consumer.records().stream().filter(record -> record.topic().equals(BREACHES)).count());
    }

    /** Incident id to the distinct CloudEvents ids of its breach records. */
    private static Map<String, Set<String>> breachIds() {
        return consumer.records().stream().filter(record -> record.topic().equals(BREACHES))
                .collect(Collectors.groupingBy(ConsumerRecord::key,
                        Collectors.mapping(record -> json(record.value()).get("id").asText(), Collectors.toSet())));
    }
}
