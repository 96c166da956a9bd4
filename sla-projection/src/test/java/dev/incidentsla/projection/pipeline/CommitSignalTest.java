package dev.incidentsla.projection.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentsla.eventstore.signal.CommitSignalListener;
import dev.incidentsla.localkafka.TopicRecorder;
import dev.incidentsla.projection.SlaProjectionApplication;
import dev.incidentsla.service.IncidentServiceApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The projection reads a deadline fact when the incident service's commit signals it, not at its next poll: here the
 * projection polls the event store only every 10 minutes (its first poll is at its start, before the incident is
 * opened), so an alert on the topic seconds after its deadline was read because of the signal. Checked the other way
 * too: with the signal's registration removed, the breach does not arrive within 30 s.
 */
class CommitSignalTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BREACHES = "incident.sla.breaches";
    private static final Duration POLL = Duration.ofMinutes(10);

    private static KafkaBrokerProcess broker;
    private static ConfigurableApplicationContext incidentService;
    private static ConfigurableApplicationContext projection;
    private static WebTestClient incidents;
    private static TopicRecorder consumer;

    @BeforeAll
    static void start() throws Exception {
        Path directory = Files.createTempDirectory("commit-signal");
        broker = new KafkaBrokerProcess(Files.createDirectories(directory.resolve("kafka")));
        broker.start();
        incidentService = new SpringApplicationBuilder(IncidentServiceApplication.class).run("--server.port=0",
                "--incident-sla.embedded-database.directory=" + directory.resolve("postgres"),
                "--incident-sla.embedded-database.durable=false");
        incidents = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + incidentService.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(30)).build();
        incidents.put().uri("/api/v1/contracts/contoso").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"customerName": "Contoso", "supportLocation": {"timeZone": "Asia/Jakarta", "country": "ID"}}""")
                .exchange().expectStatus().isOk();
        String database = incidentService.getBean(EmbeddedPostgres.class).getJdbcUrl("postgres", "postgres");
        projection = SlaProjectionApplication.application().run("--server.port=0",
                "--spring.datasource.url=" + database,
                "--sla-projection.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--sla-projection.event-store-poll-interval=" + POLL);
        consumer = TopicRecorder.start(broker.bootstrapServers(), "commit-signal-test", List.of(BREACHES));
    }

    @AfterAll
    static void stop() throws Exception {
        Teardown.closeInOrder(consumer, projection, incidentService, broker);
    }

    @Test
    void a_breach_reaches_the_topic_within_seconds_of_its_deadline_although_the_projection_polls_every_ten_minutes() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(projection.getBean(CommitSignalListener.class)::isListening);
        String incident = "INC-SIGNAL-" + UUID.randomUUID().toString().substring(0, 6);
        Instant submittedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(15)).plusSeconds(4);
        String opened = incidents.post().uri("/api/v1/incidents").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"incidentId": "%s", "contractId": "contoso", "severity": "1", "product": "azure-virtual-machines",
                 "channel": "PHONE", "submittedAt": "%s"}""".formatted(incident, submittedAt))
                .exchange().expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
        Instant dueAt = Instant.parse(JSON.readTree(opened).get("firstResponse").get("dueAt").asText());

        await().atMost(Duration.ofSeconds(30)).until(() -> breaches(incident).size() == 1);
        Instant published = Instant.ofEpochMilli(breaches(incident).get(0).timestamp());
        assertThat(Duration.between(dueAt, published)).isLessThan(Duration.ofSeconds(5));
    }

    private static List<ConsumerRecord<String, String>> breaches(String incident) {
        return consumer.records().stream().filter(record -> incident.equals(record.key())).toList();
    }
}
