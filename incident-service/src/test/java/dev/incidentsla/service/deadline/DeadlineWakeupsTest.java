package dev.incidentsla.service.deadline;

import com.github.kagkarlsson.scheduler.Scheduler;
import dev.incidentsla.edge.input.HeapBodyConnector;
import dev.incidentsla.service.IncidentServiceApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
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
 * Two incident-service nodes on one real PostgreSQL whose schedulers poll only once a minute: a deadline that fires
 * well before the next poll could have found it was woken at its instant. A Sev 1 Azure incident under Unified is due
 * 15 minutes after submission.
 */
class DeadlineWakeupsTest {

    private static final Duration RARE_POLLS = Duration.ofMinutes(1);
    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;

    @BeforeAll
    static void start() throws Exception {
        Path database = Files.createTempDirectory("deadline-wakeups");
        nodeA = new SpringApplicationBuilder(IncidentServiceApplication.class).run("--server.port=0",
                "--incident-sla.embedded-database.directory=" + database,
                "--incident-sla.embedded-database.durable=false",
                "--incident-sla.deadlines.poll-interval=" + RARE_POLLS);
        String url = nodeA.getBean(EmbeddedPostgres.class).getJdbcUrl("postgres", "postgres");
        nodeB = new SpringApplicationBuilder(IncidentServiceApplication.class).run("--server.port=0",
                "--spring.profiles.active=production", "--incident-sla.access.enabled=false", "--server.address=127.0.0.1",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres",
                "--incident-sla.deadlines.poll-interval=" + RARE_POLLS);
        client(nodeA).put().uri("/api/v1/contracts/contoso").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"customerName": "Contoso", "supportLocation": {"timeZone": "Asia/Jakarta", "country": "ID"}}""")
                .exchange().expectStatus().isOk();
    }

    @AfterAll
    static void stop() {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
    }

    private static WebTestClient client(ConfigurableApplicationContext node) {
        return HeapBodyConnector.bindToServer().baseUrl("http://localhost:" + node.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    /** Opens a Sev 1 incident due {@code dueIn} from now, on the given node, and returns its deadline. */
    private static Instant openDueIn(ConfigurableApplicationContext node, String incidentId, Duration dueIn) {
        Instant submittedAt = Instant.now().plus(dueIn).minus(Duration.ofMinutes(15)).truncatedTo(ChronoUnit.SECONDS);
        String body = client(node).post().uri("/api/v1/incidents").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"incidentId": "%s", "contractId": "contoso", "severity": "1", "product": "azure-virtual-machines",
                 "channel": "PHONE", "submittedAt": "%s"}""".formatted(incidentId, submittedAt))
                .exchange().expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
        return Instant.parse(IncidentHistory.json(body).get("firstResponse").get("dueAt").asText());
    }

    private static Instant breachDetectedAt(String incidentId) {
        return IncidentHistory.eventsOfType(client(nodeA), incidentId, "FirstResponseBreached").stream()
                .map(event -> Instant.parse(event.get("payload").get("detectedAt").asText()))
                .findFirst().orElse(null);
    }

    @Test
    void the_node_that_scheduled_a_deadline_wakes_at_its_instant() {
        String incident = "INC-WAKE-" + UUID.randomUUID().toString().substring(0, 6);
        Instant dueAt = openDueIn(nodeA, incident, Duration.ofSeconds(3));

        await().atMost(RARE_POLLS).until(() -> breachDetectedAt(incident) != null);
        assertThat(breachDetectedAt(incident)).as("fired at its instant, not at a poll a minute apart")
                .isAfter(dueAt).isBefore(dueAt.plus(RARE_POLLS.dividedBy(2)));
    }

    @Test
    void another_node_reads_the_deadlines_due_soon_and_fires_one_whose_node_stopped() {
        String incident = "INC-AHEAD-" + UUID.randomUUID().toString().substring(0, 6);
        Scheduler schedulerB = nodeB.getBean(Scheduler.class);
        Instant dueAt = openDueIn(nodeB, incident, Duration.ofSeconds(6));
        schedulerB.stop();

        await().atMost(RARE_POLLS).until(() -> breachDetectedAt(incident) != null);
        assertThat(breachDetectedAt(incident)).as("node A armed a wake-up when it read the table ahead")
                .isAfter(dueAt).isBefore(dueAt.plus(RARE_POLLS.dividedBy(2)));
    }
}
