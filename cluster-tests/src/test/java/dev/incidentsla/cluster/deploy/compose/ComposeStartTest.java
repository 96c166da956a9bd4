package dev.incidentsla.cluster.deploy.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentsla.cluster.NodeProcess;
import dev.incidentsla.localkafka.LocalKafkaBroker;
import dev.incidentsla.localkafka.TopicRecorder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
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
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docker-compose.yml and the services' Dockerfiles against the code they deploy, without a container runtime: the
 * file is read as compose reads it (variables from .env.example, plus a value for each secret it leaves empty), and
 * one node of each service runs the project's own code with exactly the environment and command its container would
 * have (the Dockerfile's, then the file's), the compose host names {@code postgres} and {@code kafka} mapped to an
 * embedded PostgreSQL set up as the file sets up its image and to a local KRaft broker. The nodes must pass the file's
 * own health checks and carry an incident from the incident service to the projection and its breach to Kafka. A
 * setting the code does not read, a host or port that does not match, a missing secret: each fails here, not at an
 * operator's {@code docker compose up}.
 */
class ComposeStartTest {

    private static final String INCIDENT_SERVICE = "incident-service-1";
    private static final String PROJECTION = "sla-projection-1";
    /** Where the postgres image listens. */
    private static final int POSTGRES_PORT = 5432;
    private static final String BREACHES = "incident.sla.breaches";
    private static final Duration START_PATIENCE = Duration.ofSeconds(180);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static Path repository;
    private static Path run;
    private static ComposeFile compose;
    private static TestIssuer issuer;
    private static EmbeddedPostgres postgres;
    private static NodeProcess broker;
    private static String bootstrap;
    private static final List<ContainerProcess> containers = new ArrayList<>();
    private static int incidentPort;
    private static int projectionPort;

    @BeforeAll
    static void startOneNodeOfEachServiceAsTheFileDoes() throws Exception {
        repository = ComposeFile.repository();
        run = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "compose-start").toAbsolutePath();
        Path logs = Files.createDirectories(run.resolve("logs"));
        issuer = TestIssuer.start();
        compose = ComposeFile.ofRepository(Map.of("POSTGRES_PASSWORD", UUID.randomUUID().toString(),
                "GRAFANA_ADMIN_PASSWORD", UUID.randomUUID().toString(), "JWT_ISSUER_URI", issuer.uri()));

        postgres = startPostgres(compose.service("postgres").environment(), run.resolve("postgres"));
        int brokerPort = NodeProcess.freeBrokerPort();
        bootstrap = "127.0.0.1:" + brokerPort;
        broker = NodeProcess.start("kafka", logs, LocalKafkaBroker.class.getName(),
                List.of(run.resolve("kafka").toString(), Integer.toString(brokerPort))).awaitListening(brokerPort, Duration.ofSeconds(60));
        Map<String, String> hosts = Map.of("postgres:" + POSTGRES_PORT, "127.0.0.1:" + postgres.getPort(),
                advertisedListener(compose.service("kafka")), bootstrap);

        incidentPort = NodeProcess.freePort();
        startContainer(compose.service(INCIDENT_SERVICE), incidentPort, hosts, logs);
        projectionPort = NodeProcess.freePort();
        startContainer(compose.service(PROJECTION), projectionPort, hosts, logs);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        for (int i = containers.size() - 1; i >= 0; i--) {
            containers.get(i).close();
        }
        if (broker != null) {
            broker.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (issuer != null) {
            issuer.close();
        }
        if (run != null && Files.exists(run.resolve("kafka"))) {
            try (Stream<Path> files = Files.walk(run.resolve("kafka"))) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    @Test
    void both_services_refuse_a_call_without_a_token_and_take_one_from_the_issuer_the_env_file_names() throws Exception {
        assertThat(get(incidentPort, "/api/v1/products", null).statusCode()).isEqualTo(401);
        assertThat(get(projectionPort, "/api/v1/sla/pending", null).statusCode()).isEqualTo(401);
        String reader = issuer.token("compose-test-reader", List.of("sla-reader"));
        assertThat(get(incidentPort, "/api/v1/products", reader).statusCode()).isEqualTo(200);
        assertThat(get(projectionPort, "/api/v1/sla/pending", reader).statusCode()).isEqualTo(200);
    }

    @Test
    void an_incident_opened_on_the_incident_service_shows_on_the_projection_and_its_breach_goes_out_on_kafka()
            throws Exception {
        String token = issuer.token("compose-test", List.of("contract-admin", "incident-writer", "sla-reader"));
        assertThat(send(incidentPort, "PUT", "/api/v1/contracts/compose-contoso", token, """
                {"customerName": "Contoso", "supportLocation": {"timeZone": "Asia/Jakarta", "country": "ID"},
                 "programs": [{"program": "UER"}]}""").statusCode()).isEqualTo(200);
        try (TopicRecorder alerts = TopicRecorder.start(bootstrap, "compose-start-test", List.of(BREACHES))) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            String pending = "INC-COMPOSE-" + UUID.randomUUID().toString().substring(0, 8);
            assertThat(open(pending, now, token).statusCode()).isEqualTo(201);
            String breaching = "INC-COMPOSE-" + UUID.randomUUID().toString().substring(0, 8);
            HttpResponse<String> opened = open(breaching, now.minus(Duration.ofMinutes(15)).plusSeconds(4), token);
            assertThat(opened.statusCode()).isEqualTo(201);
            Instant dueAt = Instant.parse(JSON.readTree(opened.body()).get("firstResponse").get("dueAt").asText());
            assertThat(dueAt).isBefore(Instant.now().plusSeconds(10));

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
                    incidentIds(get(projectionPort, "/api/v1/sla/pending?contractId=compose-contoso", token)).contains(pending));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                    alerts.records().stream().anyMatch(record -> breaching.equals(record.key())));
        }
    }

    private static void startContainer(ComposeFile.Service service, int port, Map<String, String> hosts, Path logs)
            throws IOException, InterruptedException {
        Path dockerfilePath = service.dockerfile().orElseThrow();
        Dockerfile image = Dockerfile.read(dockerfilePath);
        Map<String, String> environment = containerEnvironment(service, image);
        assertThat(environment).as("%s's port, which its health check reads", service.name()).containsKey("SERVER_PORT");
        environment.put("SERVER_PORT", Integer.toString(port));
        environment.replaceAll((name, value) -> mapped(value, hosts));
        Set<String> composeHosts = compose.serviceNames();
        environment.forEach((name, value) -> composeHosts.forEach(host ->
                assertThat(Pattern.compile("(?<![A-Za-z0-9_.-])" + Pattern.quote(host) + ":\\d").matcher(value).find())
                        .as("%s's %s=%s names compose host %s, which this test does not map", service.name(), name, value, host)
                        .isFalse()));
        String mainClass = ComposeFileTest.PROGRAMS.get(repository.relativize(dockerfilePath).toString());
        assertThat(mainClass).as("the program of %s's image %s", service.name(), dockerfilePath).isNotNull();
        List<String> command = javaCommand(service, image, mainClass);
        ContainerProcess container = ContainerProcess.start(service.name(), command, environment,
                Files.createDirectories(run.resolve(service.name())), logs);
        containers.add(container);
        container.awaitHealthy(service.healthCheck(), START_PATIENCE);
    }

    /** The image's environment, then the file's over it. */
    private static Map<String, String> containerEnvironment(ComposeFile.Service service, Dockerfile image) {
        Map<String, String> environment = new LinkedHashMap<>(image.environment());
        environment.putAll(service.environment());
        return environment;
    }

    /**
     * The container's command ({@code java [options] -jar <the image's jar> [arguments]}, the file's entrypoint and
     * command over the image's) with this JDK and the project's classes in place of the jar.
     */
    private static List<String> javaCommand(ComposeFile.Service service, Dockerfile image, String mainClass) {
        List<String> entrypoint = service.entrypoint().orElse(image.entrypoint());
        List<String> arguments = service.command().orElse(service.entrypoint().isPresent() ? List.of() : image.command());
        List<String> commandLine = Stream.concat(entrypoint.stream(), arguments.stream()).toList();
        int jar = commandLine.indexOf("-jar");
        assertThat(commandLine).as("%s's command line", service.name()).startsWith("java");
        assertThat(jar).as("-jar in %s's command line %s", service.name(), commandLine).isPositive();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(commandLine.subList(1, jar));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(commandLine.subList(jar + 2, commandLine.size()));
        return command;
    }

    /** {@code postgres}'s image: a superuser {@code POSTGRES_USER} with its password, owning {@code POSTGRES_DB}. */
    private static EmbeddedPostgres startPostgres(Map<String, String> image, Path directory) throws IOException, SQLException {
        EmbeddedPostgres database = EmbeddedPostgres.builder().setDataDirectory(directory).setCleanDataDirectory(true)
                .setServerConfig("listen_addresses", "127.0.0.1").start();
        String user = image.getOrDefault("POSTGRES_USER", "postgres");
        String name = image.getOrDefault("POSTGRES_DB", user);
        try (Connection connection = database.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + identifier(user) + " SUPERUSER LOGIN PASSWORD '"
                    + image.get("POSTGRES_PASSWORD").replace("'", "''") + "'");
            statement.execute("CREATE DATABASE " + identifier(name) + " OWNER " + identifier(user));
        }
        return database;
    }

    private static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code host:port} of the broker's PLAINTEXT listener as it advertises it to clients. */
    private static String advertisedListener(ComposeFile.Service kafka) {
        String listeners = kafka.environment().get("KAFKA_ADVERTISED_LISTENERS");
        assertThat(listeners).as("kafka's KAFKA_ADVERTISED_LISTENERS").isNotNull();
        return Stream.of(listeners.split(",")).filter(listener -> listener.startsWith("PLAINTEXT://"))
                .map(listener -> listener.substring("PLAINTEXT://".length())).findFirst()
                .orElseThrow(() -> new AssertionError("kafka advertises no PLAINTEXT listener: " + listeners));
    }

    private static String mapped(String value, Map<String, String> hosts) {
        String result = value;
        for (Map.Entry<String, String> host : hosts.entrySet()) {
            result = result.replace(host.getKey(), host.getValue());
        }
        return result;
    }

    private static HttpResponse<String> open(String incidentId, Instant submittedAt, String token) throws IOException {
        return send(incidentPort, "POST", "/api/v1/incidents", token, """
                {"incidentId": "%s", "contractId": "compose-contoso", "severity": "1", "product": "azure-virtual-machines",
                 "channel": "PHONE", "submittedAt": "%s"}""".formatted(incidentId, submittedAt));
    }

    private static Set<String> incidentIds(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).isEqualTo(200);
        Set<String> ids = new HashSet<>();
        for (JsonNode row : JSON.readTree(response.body())) {
            ids.add(row.get("incidentId").asText());
        }
        return ids;
    }

    private static HttpResponse<String> get(int port, String path, String token) throws IOException {
        return send(port, "GET", path, token, null);
    }

    private static HttpResponse<String> send(int port, String method, String path, String token, String body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
