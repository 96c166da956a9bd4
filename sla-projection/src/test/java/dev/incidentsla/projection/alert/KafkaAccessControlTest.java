package dev.incidentsla.projection.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaClock;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.incident.FirstResponseAtRisk;
import dev.incidentsla.api.incident.FirstResponseBreached;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.localkafka.LocalKafkaBroker;
import dev.incidentsla.localkafka.TopicRecorder;
import dev.incidentsla.projection.SlaProjectionApplication;
import dev.incidentsla.projection.failure.PoisonedEvents;
import dev.incidentsla.projection.pipeline.KafkaBrokerProcess;
import dev.incidentsla.projection.settings.ProjectionProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The projection on a cluster that controls access, as production clusters do: a real broker (child JVM) with
 * SASL/PLAIN users and Kafka's StandardAuthorizer. The projection's principal {@code sla} has exactly the documented
 * rights (WRITE and DESCRIBE on the two alert topics, no CREATE), {@code admin} is a super user (the operator),
 * {@code reader} may only describe the topics and {@code stranger} has no rights at all. The loopback PLAINTEXT
 * listener, which the test's consumer reads from, is a super user too: KRaft's broker talks to its controller over
 * PLAINTEXT as ANONYMOUS and needs the rights of one.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaAccessControlTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BREACHES = "incident.sla.breaches";
    private static final String WARNINGS = "incident.sla.warnings";
    private static final String PLAIN_LOGIN = "org.apache.kafka.common.security.plain.PlainLoginModule";

    private static KafkaBrokerProcess broker;
    private static String saslBootstrapServers;
    private static Admin operator;
    private static EmbeddedPostgres postgres;
    private static ConfigurableApplicationContext projection;
    private static WebTestClient dashboards;
    private static TopicRecorder consumer;

    @BeforeAll
    static void start() throws Exception {
        CompletableFuture<EmbeddedPostgres> database = CompletableFuture.supplyAsync(KafkaAccessControlTest::startPostgres);
        Path directory = Files.createDirectories(Files.createTempDirectory("kafka-access").resolve("kafka"));
        broker = new KafkaBrokerProcess(directory);
        int saslPort = freePort();
        saslBootstrapServers = "127.0.0.1:" + saslPort;
        writeBrokerOverrides(directory, port(broker.bootstrapServers()), saslPort);
        broker.start();
        operator = Admin.create(saslClient("admin"));
        for (String user : List.of("sla", "reader")) {
            for (String topic : List.of(BREACHES, WARNINGS)) {
                operator.createAcls(List.of(allow(user, topic, AclOperation.DESCRIBE))).all().get();
            }
        }
        operator.createAcls(List.of(allow("sla", BREACHES, AclOperation.WRITE), allow("sla", WARNINGS, AclOperation.WRITE)))
                .all().get();
        operator.createTopics(List.of(new NewTopic(WARNINGS, 1, (short) 1))).all().get();
        postgres = database.join();
    }

    /** The event store's tables, as the incident service creates them. */
    private static EmbeddedPostgres startPostgres() {
        try {
            EmbeddedPostgres started = EmbeddedPostgres.builder().start();
            Flyway.configure().dataSource(started.getPostgresDatabase()).locations("classpath:db/migration").load().migrate();
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable part : new AutoCloseable[]{consumer, projection, postgres, operator, broker}) {
            if (part != null) {
                part.close();
            }
        }
    }

    /** SASL_PLAINTEXT on a port of its own beside the PLAINTEXT one, three users, the StandardAuthorizer. */
    private static void writeBrokerOverrides(Path directory, int plaintextPort, int saslPort) throws IOException {
        Properties overrides = new Properties();
        overrides.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + plaintextPort + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort
                + ",CONTROLLER://127.0.0.1:" + (plaintextPort + 1000));
        overrides.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + plaintextPort + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort);
        overrides.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT");
        overrides.setProperty("sasl.enabled.mechanisms", "PLAIN");
        overrides.setProperty("listener.name.sasl_plaintext.plain.sasl.jaas.config", PLAIN_LOGIN + " required"
                + " user_admin=\"admin-secret\" user_sla=\"sla-secret\" user_reader=\"reader-secret\" user_stranger=\"stranger-secret\";");
        overrides.setProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        overrides.setProperty("super.users", "User:admin;User:ANONYMOUS");
        try (Writer out = Files.newBufferedWriter(directory.resolve(LocalKafkaBroker.OVERRIDES))) {
            overrides.store(out, "SASL users and ACLs for KafkaAccessControlTest");
        }
    }

    private static String jaas(String user) {
        return PLAIN_LOGIN + " required username=\"" + user + "\" password=\"" + user + "-secret\";";
    }

    private static Map<String, Object> saslClient(String user) {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, saslBootstrapServers,
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                SaslConfigs.SASL_MECHANISM, "PLAIN",
                SaslConfigs.SASL_JAAS_CONFIG, jaas(user));
    }

    /** The projection's settings as an operator writes them, for the given principal. */
    private static ProjectionProperties settings(String user, boolean createTopics, String breaches, String warnings) {
        Map<String, String> settings = new HashMap<>();
        settings.put("sla-projection.breaches-topic", breaches);
        settings.put("sla-projection.warnings-topic", warnings);
        settings.put("sla-projection.kafka.bootstrap-servers", saslBootstrapServers);
        settings.put("sla-projection.kafka.create-topics", Boolean.toString(createTopics));
        settings.put("sla-projection.kafka.properties.security.protocol", "SASL_PLAINTEXT");
        settings.put("sla-projection.kafka.properties.sasl.mechanism", "PLAIN");
        settings.put("sla-projection.kafka.properties.sasl.jaas.config", jaas(user));
        return new Binder(new MapConfigurationPropertySource(settings)).bind("sla-projection", ProjectionProperties.class).get();
    }

    private static AclBinding allow(String user, String topic, AclOperation operation) {
        return new AclBinding(new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
    }

    private static int port(String bootstrapServers) {
        return Integer.parseInt(bootstrapServers.substring(bootstrapServers.lastIndexOf(':') + 1));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static JsonNode alertDeliveryHealth() {
        String body = dashboards.get().uri("/actuator/health").exchange().expectBody(String.class).returnResult().getResponseBody();
        try {
            return JSON.readTree(body).get("components").get("alertDelivery");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String topicStatus(JsonNode alertDelivery, String topic) {
        return alertDelivery.path("details").path("topics").path(topic).asText();
    }

    private static FirstResponseBreached breach(String incidentId, Instant dueAt) {
        return new FirstResponseBreached(new IncidentId(incidentId), new ContractId("contoso"), Severity.SEV_1,
                "azure-virtual-machines", "UNIFIED", "unified.sev-1.azure", Duration.ofMinutes(15), SlaClock.ROUND_THE_CLOCK,
                dueAt.minus(Duration.ofMinutes(15)), dueAt, dueAt.plusMillis(3));
    }

    private static FirstResponseAtRisk atRisk(String incidentId, Instant dueAt) {
        return new FirstResponseAtRisk(new IncidentId(incidentId), new ContractId("contoso"), Severity.SEV_1,
                "azure-virtual-machines", "UNIFIED", "unified.sev-1.azure", Duration.ofMinutes(15), SlaClock.ROUND_THE_CLOCK,
                dueAt.minus(Duration.ofMinutes(15)), dueAt.minusSeconds(225), dueAt, dueAt.minusSeconds(224));
    }

    private static long occurrences(String text, String part) {
        Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
        long count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    private static List<ConsumerRecord<String, String>> records(String topic, String incidentId) {
        return consumer.records().stream().filter(record -> record.topic().equals(topic) && incidentId.equals(record.key())).toList();
    }

    private static AlertDeliveryHealthIndicator indicator(KafkaReachability reachability, AlertPublisher publisher) {
        return new AlertDeliveryHealthIndicator(reachability, publisher, new PoisonedEvents(new SimpleMeterRegistry(), Clock.systemUTC()));
    }

    @Test
    @Order(1)
    void a_missing_topic_this_principal_may_not_create_is_named_in_health_with_what_to_do_and_its_alerts_wait_for_an_operator(
            CapturedOutput output) throws Exception {
        projection = SlaProjectionApplication.application().run("--server.port=0",
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--sla-projection.kafka.bootstrap-servers=" + saslBootstrapServers,
                "--sla-projection.kafka.properties.security.protocol=SASL_PLAINTEXT",
                "--sla-projection.kafka.properties.sasl.mechanism=PLAIN",
                "--sla-projection.kafka.properties.sasl.jaas.config=" + jaas("sla"));
        dashboards = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + projection.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(30)).build();
        String missing = "topic " + BREACHES + " does not exist and this principal may not create it: create it, or grant CREATE on it";

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode health = alertDeliveryHealth();
            assertThat(health.get("status").asText()).isEqualTo("DOWN");
            assertThat(topicStatus(health, BREACHES)).startsWith(missing);
            assertThat(topicStatus(health, WARNINGS)).isEqualTo("exists");
        });

        String incident = "INC-ACL-" + UUID.randomUUID().toString().substring(0, 8);
        Instant dueAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(1);
        EventStore eventStore = projection.getBean(EventStore.class);
        eventStore.publish(new GenericDomainEventMessage<>("Incident", "incident:" + incident, 0, atRisk(incident, dueAt)));
        eventStore.publish(new GenericDomainEventMessage<>("Incident", "incident:" + incident, 1, breach(incident, dueAt)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(alertDeliveryHealth().path("details")
                .path("lastPublishError").asText()).contains(BREACHES));
        String firstProbe = alertDeliveryHealth().path("details").path("probedAt").asText();
        // two more probes (every 2 s); patient, since on a loaded 2-core machine a probe may wait for a core
        await().atMost(Duration.ofSeconds(90)).until(() -> Instant.parse(alertDeliveryHealth().path("details").path("probedAt").asText())
                .isAfter(Instant.parse(firstProbe).plusSeconds(3)));
        JsonNode stillMissing = alertDeliveryHealth();
        assertThat(stillMissing.get("status").asText()).isEqualTo("DOWN");
        assertThat(topicStatus(stillMissing, BREACHES)).startsWith(missing);
        assertThat(projection.isActive()).isTrue();
        assertThat(operator.listTopics().names().get()).as("neither the admin client nor the producer created it")
                .doesNotContain(BREACHES);
        assertThat(occurrences(output.getAll(), missing)).as("logged once, not at every probe").isEqualTo(1);

        operator.createTopics(List.of(new NewTopic(BREACHES, 1, (short) 1))).all().get();
        // only now: the consumer, a super user, would have had the broker create the topic on its own
        consumer = TopicRecorder.start(broker.bootstrapServers(), "access-test", List.of(BREACHES, WARNINGS));

        await().atMost(Duration.ofSeconds(40)).until(() -> !records(BREACHES, incident).isEmpty());
        assertThat(JSON.readTree(records(BREACHES, incident).get(0).value()).get("id").asText())
                .isEqualTo(AlertCloudEvents.alertId(AlertKind.BREACH, incident, dueAt));
        await().atMost(Duration.ofSeconds(10)).until(() -> !records(WARNINGS, incident).isEmpty());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode health = alertDeliveryHealth();
            assertThat(health.get("status").asText()).isEqualTo("UP");
            assertThat(topicStatus(health, BREACHES)).isEqualTo("exists");
        });
    }

    @Test
    @Order(2)
    void with_topic_creation_off_a_missing_topic_is_reported_and_not_created_even_by_a_principal_that_may() throws Exception {
        String breaches = "ops-provisioned.breaches";
        String warnings = "ops-provisioned.warnings";
        ProjectionProperties settings = settings("admin", false, breaches, warnings);
        KafkaReachability reachability = new KafkaReachability(settings, Clock.systemUTC());
        try {
            reachability.probe();

            assertThat(reachability.topics().get(breaches).state()).isEqualTo(AlertTopicStatus.State.MISSING);
            assertThat(reachability.topics().get(breaches).message())
                    .isEqualTo("topic ops-provisioned.breaches does not exist and sla-projection.kafka.create-topics is off: create it");
            Health health = indicator(reachability, new AlertPublisher(settings, Clock.systemUTC())).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(operator.listTopics().names().get()).doesNotContain(breaches, warnings);
        } finally {
            reachability.destroy();
        }
    }

    @Test
    @Order(3)
    void a_topic_this_principal_may_not_describe_is_reported_as_such_never_as_missing_until_a_write_proves_it_takes_alerts()
            throws Exception {
        KafkaReachability stranger = new KafkaReachability(settings("stranger", true, BREACHES, WARNINGS), Clock.systemUTC());
        ProjectionProperties sla = settings("sla", true, BREACHES, WARNINGS);
        AlertPublisher publisher = new AlertPublisher(sla, Clock.systemUTC());
        try {
            stranger.probe();

            assertThat(stranger.topics().values()).allSatisfy(status -> {
                assertThat(status.state()).isEqualTo(AlertTopicStatus.State.NOT_DESCRIBABLE);
                assertThat(status.message()).startsWith("this principal may not describe topic " + status.topic())
                        .contains("grant WRITE and DESCRIBE on it").doesNotContain("does not exist");
            });
            AlertDeliveryHealthIndicator health = indicator(stranger, publisher);
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(operator.listTopics().names().get())
                    .as("the refused principal created nothing").contains(BREACHES, WARNINGS);

            // A cluster whose authorizer lets a principal write without describing: the writes come from another one here,
            // since Kafka's own authorizer lets WRITE imply DESCRIBE.
            AlertCloudEvents cloudEvents = new AlertCloudEvents(sla);
            Instant dueAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            publisher.awaitAcknowledgement(publisher.send(cloudEvents.warning(atRisk("INC-PROOF", dueAt))));
            assertThat(health.health().getStatus()).as("the breaches topic is not proven yet").isEqualTo(Status.DOWN);
            publisher.awaitAcknowledgement(publisher.send(cloudEvents.breach(breach("INC-PROOF", dueAt))));

            Health proven = health.health();
            assertThat(proven.getStatus()).isEqualTo(Status.UP);
            assertThat(proven.getDetails().get("topics")).asInstanceOf(InstanceOfAssertFactories.MAP)
                    .hasEntrySatisfying(BREACHES, status -> assertThat((String) status).startsWith("takes alerts"));
        } finally {
            stranger.destroy();
            publisher.destroy();
        }
    }

    @Test
    @Order(4)
    void a_topic_this_principal_may_describe_but_not_write_to_is_reported_as_not_writable() {
        KafkaReachability reader = new KafkaReachability(settings("reader", true, BREACHES, WARNINGS), Clock.systemUTC());
        try {
            reader.probe();

            assertThat(reader.topics().values()).allSatisfy(status -> {
                assertThat(status.state()).isEqualTo(AlertTopicStatus.State.NOT_WRITABLE);
                assertThat(status.message()).isEqualTo("topic " + status.topic() + " exists but this principal may not write to it: grant WRITE on it");
            });
        } finally {
            reader.destroy();
        }
    }

    @Test
    @Order(5)
    void a_refused_creation_is_asked_again_only_after_a_while_and_then_succeeds_once_an_operator_granted_create() throws Exception {
        String breaches = "incident.sla.regranted.breaches";
        String warnings = "incident.sla.regranted.warnings";
        for (String topic : List.of(breaches, warnings)) {
            operator.createAcls(List.of(allow("sla", topic, AclOperation.DESCRIBE), allow("sla", topic, AclOperation.WRITE))).all().get();
        }
        SettableClock clock = new SettableClock(Instant.now());
        KafkaReachability reachability = new KafkaReachability(settings("sla", true, breaches, warnings), clock);
        try {
            reachability.probe();
            assertThat(reachability.topics().get(breaches).message())
                    .startsWith("topic " + breaches + " does not exist and this principal may not create it");
            for (String topic : List.of(breaches, warnings)) {
                operator.createAcls(List.of(allow("sla", topic, AclOperation.CREATE))).all().get();
            }

            clock.advance(KafkaReachability.CREATION_RETRY_AFTER_REFUSAL.minusSeconds(1));
            reachability.probe();
            assertThat(reachability.topics().get(breaches).state()).isEqualTo(AlertTopicStatus.State.MISSING);
            assertThat(operator.listTopics().names().get()).doesNotContain(breaches, warnings);

            clock.advance(Duration.ofSeconds(1));
            reachability.probe();
            assertThat(reachability.topics().values()).extracting(AlertTopicStatus::state).containsOnly(AlertTopicStatus.State.EXISTS);
            assertThat(operator.listTopics().names().get()).contains(breaches, warnings);
        } finally {
            reachability.destroy();
        }
    }

    /** Time that passes only when told, so that the wait between creation attempts need not be waited out. */
    private static final class SettableClock extends Clock {

        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the probe reads instants only");
        }
    }
}
