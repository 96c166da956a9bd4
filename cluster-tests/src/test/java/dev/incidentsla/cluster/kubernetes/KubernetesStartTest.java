package dev.incidentsla.cluster.kubernetes;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentsla.cluster.NodeProcess;
import dev.incidentsla.edge.access.TestTokens;
import dev.incidentsla.localkafka.TopicRecorder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * deploy/kubernetes/base started on this machine: each Deployment's container environment, built from its ConfigMap
 * and env entries as the kubelet builds it (Secrets and the operator's ConfigMap supplied here), with the cluster's host
 * names mapped to a local PostgreSQL and Kafka broker and its mounts to local directories, runs the service's own exec
 * jar. The one addition: each process listens on a free loopback port (SERVER_PORT, SERVER_ADDRESS), since the two
 * share this machine's network where each pod has its own. Then the health groups are shown to mean what the probes
 * need: Kafka stopped leaves the projection ready, the database stopped makes both unready, neither makes them unlive.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubernetesStartTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INCIDENTS = "incident-service";
    private static final String PROJECTION = "sla-projection";
    /** Seconds on an idle machine; minutes when other builds share its two cores. */
    private static final Duration START = Duration.ofSeconds(240);

    private static Path directory;
    private static Path logs;
    private static int databasePort;
    private static EmbeddedPostgres postgres;
    private static int brokerPort;
    private static NodeProcess broker;
    private static final Map<String, Map<String, String>> environments = new LinkedHashMap<>();
    private static final Map<String, Integer> ports = new LinkedHashMap<>();
    private static final Map<String, ContainerProcess> containers = new LinkedHashMap<>();
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String TOKEN = TestTokens.token("kubernetes-start-test",
            List.of("contract-admin", "incident-writer", "sla-reader"), null);

    @BeforeAll
    static void startTheBaseOnThisMachine() throws Exception {
        directory = Files.createTempDirectory("kubernetes-start");
        logs = Files.createDirectories(directory.resolve("logs"));
        databasePort = NodeProcess.freePort();
        postgres = startDatabase();
        try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE incidents");
        }
        brokerPort = NodeProcess.freeBrokerPort();
        broker = startBroker();

        Manifests base = Manifests.render("base");
        String publicKey = Files.readString(Path.of(URI.create(
                TestTokens.accessProperties().get("spring.security.oauth2.resourceserver.jwt.public-key-location"))));
        Map<String, Map<String, String>> secrets = Map.of("incident-sla-database", Map.of("username", "postgres", "password", "postgres"));
        Map<String, Map<String, String>> operatorConfigMaps = Map.of("incident-sla-jwt-issuer", Map.of("public.pem", publicKey));
        Map<String, String> hosts = Map.of("postgresql:5432", "127.0.0.1:" + databasePort, "kafka:9092", "127.0.0.1:" + brokerPort);
        Set<String> hostsMapped = new HashSet<>();
        for (Deployment deployment : base.all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            Map<String, String> environment = new LinkedHashMap<>();
            Map<String, Path> mounts = mounts(base, deployment, operatorConfigMaps);
            base.environment(deployment, secrets, operatorConfigMaps).forEach((variable, value) ->
                    environment.put(variable, mapped(value, hosts, mounts, hostsMapped)));
            int port = NodeProcess.freePort();
            environment.put("SERVER_PORT", Integer.toString(port));
            environment.put("SERVER_ADDRESS", "127.0.0.1");
            ports.put(name, port);
            environments.put(name, environment);
            containers.put(name, ContainerProcess.start(name, environment, logs));
        }
        assertThat(containers.keySet()).containsExactlyInAnyOrder(INCIDENTS, PROJECTION);
        assertThat(hostsMapped).as("host names the manifests use").containsExactlyInAnyOrderElementsOf(hosts.keySet());
        awaitEach("readiness", 200, START);
    }

    /** Each mount of the container as a local directory: ConfigMaps written out as files, emptyDirs empty. */
    private static Map<String, Path> mounts(Manifests manifests, Deployment deployment,
                                            Map<String, Map<String, String>> operatorConfigMaps) throws IOException {
        Map<String, Path> mounts = new LinkedHashMap<>();
        List<Volume> volumes = deployment.getSpec().getTemplate().getSpec().getVolumes();
        for (VolumeMount mount : Manifests.onlyContainer(deployment).getVolumeMounts()) {
            Volume volume = volumes.stream().filter(candidate -> candidate.getName().equals(mount.getName())).findFirst().orElseThrow();
            Path local = Files.createDirectories(directory.resolve("mounts").resolve(deployment.getMetadata().getName()).resolve(mount.getName()));
            if (volume.getConfigMap() != null) {
                for (Map.Entry<String, String> file : manifests.configMapData(volume.getConfigMap().getName(), operatorConfigMaps).entrySet()) {
                    Files.writeString(local.resolve(file.getKey()), file.getValue());
                }
            } else if (volume.getEmptyDir() == null) {
                throw new AssertionError("a volume this test does not know: " + volume);
            }
            mounts.put(mount.getMountPath(), local);
        }
        return mounts;
    }

    /** The value with the cluster's host names and the container's mount paths as they are on this machine. */
    private static String mapped(String value, Map<String, String> hosts, Map<String, Path> mounts, Set<String> hostsMapped) {
        String mapped = value;
        for (Map.Entry<String, String> host : hosts.entrySet()) {
            Matcher matcher = Pattern.compile("(?<=^|[/,@])" + Pattern.quote(host.getKey()) + "(?=$|[/,?])").matcher(mapped);
            if (matcher.find()) {
                hostsMapped.add(host.getKey());
                mapped = matcher.replaceAll(Matcher.quoteReplacement(host.getValue()));
            }
        }
        for (Map.Entry<String, Path> mount : mounts.entrySet()) {
            mapped = mapped.replaceAll("(?<=^|:)" + Pattern.quote(mount.getKey()) + "(?=$|/)", Matcher.quoteReplacement(mount.getValue().toString()));
        }
        return mapped;
    }

    private static EmbeddedPostgres startDatabase() throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(directory.resolve("postgres")).setCleanDataDirectory(false)
                .setPort(databasePort).start();
    }

    private static NodeProcess startBroker() throws Exception {
        return NodeProcess.start("kafka", logs, "dev.incidentsla.localkafka.LocalKafkaBroker",
                List.of(directory.resolve("kafka").toString(), Integer.toString(brokerPort))).awaitListening(brokerPort, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() throws Exception {
        for (ContainerProcess container : containers.values()) {
            container.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        // the data (kept across the database's restart), not the logs
        for (String data : List.of("postgres", "kafka")) {
            Path path = directory == null ? null : directory.resolve(data);
            if (path != null && Files.exists(path)) {
                try (Stream<Path> files = Files.walk(path)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
        }
    }

    @Test
    @Order(1)
    void both_come_up_ready_and_an_incident_opened_on_the_incident_service_reaches_the_projection_and_kafka() throws Exception {
        String breachesTopic = environments.get(PROJECTION).get("SLA_PROJECTION_BREACHES_TOPIC");
        try (TopicRecorder alerts = TopicRecorder.start("127.0.0.1:" + brokerPort, "kubernetes-start", List.of(breachesTopic))) {
            assertThat(send(INCIDENTS, "PUT", "/api/v1/contracts/contoso", """
                    {"customerName": "Contoso", "supportLocation": {"timeZone": "Asia/Jakarta", "country": "ID"}}""").statusCode())
                    .isEqualTo(200);
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            assertThat(open("INC-K8S-PENDING", now).statusCode()).isEqualTo(201);
            assertThat(open("INC-K8S-BREACHED", now.minus(Duration.ofMinutes(20))).statusCode()).isEqualTo(201);

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                HttpResponse<String> pending = send(PROJECTION, "GET", "/api/v1/sla/pending?contractId=contoso", null);
                assertThat(pending.statusCode()).isEqualTo(200);
                assertThat(JSON.readTree(pending.body()).findValuesAsText("incidentId")).contains("INC-K8S-PENDING");
            });
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    assertThat(alerts.records()).extracting(record -> record.key()).contains("INC-K8S-BREACHED"));
        }
        for (String name : containers.keySet()) {
            Matcher maximum = Pattern.compile("-Xmx(\\d+)m").matcher(environments.get(name).get("JAVA_TOOL_OPTIONS"));
            assertThat(maximum.find()).isTrue();
            long megabytes = Long.parseLong(maximum.group(1));
            assertThat(heapMaximum(name)).as(name + ": the heap JAVA_TOOL_OPTIONS gives, as its metrics tell")
                    .isLessThanOrEqualTo(megabytes << 20).isGreaterThan((megabytes << 20) * 8 / 10);
        }
    }

    @Test
    @Order(2)
    void with_kafka_stopped_the_projection_says_down_yet_stays_ready_and_alive() throws Exception {
        broker.close();
        try {
            awaitStatus(PROJECTION, null, 503, Duration.ofSeconds(30));
            assertThat(status(PROJECTION, "readiness", Duration.ofSeconds(5))).as("projection readiness").isEqualTo(200);
            assertThat(status(PROJECTION, "liveness", Duration.ofSeconds(5))).as("projection liveness").isEqualTo(200);
            assertThat(status(INCIDENTS, "readiness", Duration.ofSeconds(5))).as("incident-service readiness").isEqualTo(200);
        } finally {
            broker = startBroker();
        }
        awaitStatus(PROJECTION, null, 200, Duration.ofSeconds(60));
    }

    @Test
    @Order(3)
    void with_the_database_stopped_both_turn_unready_but_stay_alive_and_are_ready_again_once_it_is_back() throws Exception {
        postgres.close();
        awaitEach("readiness", 503, Duration.ofSeconds(90));
        for (String name : containers.keySet()) {
            assertThat(status(name, "liveness", Duration.ofSeconds(5))).as(name + " liveness").isEqualTo(200);
        }
        postgres = startDatabase();
        awaitEach("readiness", 200, Duration.ofSeconds(90));
    }

    private static HttpResponse<String> open(String incidentId, Instant submittedAt) throws Exception {
        return send(INCIDENTS, "POST", "/api/v1/incidents", """
                {"incidentId": "%s", "contractId": "contoso", "severity": "1", "product": "azure-virtual-machines",
                 "channel": "PHONE", "submittedAt": "%s"}""".formatted(incidentId, submittedAt));
    }

    /** The most the heap may grow to, as the service's own metrics tell (every heap pool's maximum). */
    private static long heapMaximum(String name) throws Exception {
        HttpResponse<String> metrics = send(name, "GET", "/actuator/prometheus", null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        Matcher pool = Pattern.compile("(?m)^jvm_memory_max_bytes\\{[^}]*area=\"heap\"[^}]*} (\\S+)$").matcher(metrics.body());
        long total = 0;
        while (pool.find()) {
            total += Math.max(0, (long) Double.parseDouble(pool.group(1)));
        }
        return total;
    }

    /**
     * Waits for every service at once: a health check that needs the database answers only once its connection pool
     * gives up waiting for one (30 s).
     */
    private static void awaitEach(String group, int expected, Duration patience) {
        CompletableFuture.allOf(containers.keySet().stream()
                .map(name -> CompletableFuture.runAsync(() -> awaitStatus(name, group, expected, patience)))
                .toArray(CompletableFuture[]::new)).join();
    }

    private static void awaitStatus(String name, String group, int expected, Duration patience) {
        await().atMost(patience).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(containers.get(name).isAlive()).as(name + " is running; see " + containers.get(name).log()).isTrue();
            assertThat(status(name, group, Duration.ofSeconds(40))).as(name + " " + (group == null ? "health" : group)).isEqualTo(expected);
        });
    }

    /** The status of the service's health, or of one of its groups; -1 when it does not answer. */
    private static int status(String name, String group, Duration patience) {
        String path = "/actuator/health" + (group == null ? "" : "/" + group);
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(name) + path)).timeout(patience).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static HttpResponse<String> send(String name, String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(name) + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
