package dev.incidentsla.service.deadline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentsla.api.Channel;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaDecision;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.api.incident.IncidentOpened;
import dev.incidentsla.edge.input.HeapBodyConnector;
import dev.incidentsla.eventstore.EventMetadata;
import dev.incidentsla.incident.SlaDecisions;
import dev.incidentsla.service.CommandSender;
import dev.incidentsla.service.IncidentServiceApplication;
import dev.incidentsla.sla.engine.IncidentFacts;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Deadlines on the real path: the service on a real (embedded) PostgreSQL, db-scheduler polling the shared table,
 * the real clock. A Sev 1 Azure incident under Unified is due 15 minutes after submission.
 */
class DeadlineFiringTest {

    private static ConfigurableApplicationContext service;
    private static WebTestClient client;

    @BeforeAll
    static void start() throws Exception {
        Path database = Files.createTempDirectory("deadline-firing");
        service = new SpringApplicationBuilder(IncidentServiceApplication.class).run("--server.port=0",
                "--incident-sla.embedded-database.directory=" + database,
                "--incident-sla.embedded-database.durable=false");
        client = HeapBodyConnector.bindToServer().baseUrl("http://localhost:" + service.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(30)).build();
        client.put().uri("/api/v1/contracts/contoso").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"customerName": "Contoso", "supportLocation": {"timeZone": "Asia/Jakarta", "country": "ID"}}""")
                .exchange().expectStatus().isOk();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    private static Instant secondsAgo(long seconds) {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(seconds);
    }

    private static Instant open(String incidentId, Instant submittedAt) {
        String body = client.post().uri("/api/v1/incidents").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"incidentId": "%s", "contractId": "contoso", "severity": "1", "product": "azure-virtual-machines",
                 "channel": "PHONE", "submittedAt": "%s"}""".formatted(incidentId, submittedAt))
                .exchange().expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
        return Instant.parse(json(body).get("firstResponse").get("dueAt").asText());
    }

    private static List<JsonNode> events(String incidentId) {
        return IncidentHistory.events(client, incidentId);
    }

    private static List<JsonNode> eventsOfType(String incidentId, String type) {
        return IncidentHistory.eventsOfType(client, incidentId, type);
    }

    private static JsonNode json(String text) {
        return IncidentHistory.json(text);
    }

    @Test
    void a_deadline_passing_without_a_response_is_recorded_in_the_history_just_after_it_passed() {
        String incident = "INC-DUE-" + UUID.randomUUID().toString().substring(0, 6);
        Instant dueAt = open(incident, secondsAgo(897));

        await().atMost(Duration.ofSeconds(20)).until(() -> !eventsOfType(incident, "FirstResponseBreached").isEmpty());
        List<JsonNode> events = events(incident);
        assertThat(events).extracting(event -> event.get("type").asText())
                .containsExactly("IncidentOpened", "FirstResponseAtRisk", "FirstResponseBreached");
        JsonNode breach = events.get(2).get("payload");
        assertThat(Instant.parse(breach.get("dueAt").asText())).isEqualTo(dueAt);
        assertThat(Instant.parse(breach.get("detectedAt").asText())).as("noticed after the deadline, not made up")
                .isAfter(dueAt).isBefore(Instant.now());
        assertThat(breach.get("rule").asText()).isEqualTo("unified.sev-1.azure");
        assertThat(events.get(2).get("metadata").get("actor").asText()).as("recorded by the incident itself")
                .isEqualTo("system:deadline");
        client.get().uri("/api/v1/incidents/{id}", incident).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.firstResponse.status").isEqualTo("BREACHED")
                .jsonPath("$.firstResponse.breachDetectedAt").isEqualTo(breach.get("detectedAt").asText());
        Instant detectedAt = Instant.parse(breach.get("detectedAt").asText());
        client.get().uri("/api/v1/incidents/{id}/sla?asOf={asOf}", incident, detectedAt.minusMillis(1)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("BREACHED")
                .jsonPath("$.breachDetectedAt").doesNotExist();
        client.get().uri("/api/v1/incidents/{id}/sla?asOf={asOf}", incident, detectedAt).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.breachDetectedAt").isEqualTo(breach.get("detectedAt").asText());
    }

    @Test
    void an_open_writes_one_deadline_row_to_the_shared_table_its_at_risk_instant_which_later_schedules_the_breach() {
        JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
        String ahead = "SELECT count(*) FROM scheduled_tasks WHERE execution_time > now() + interval '1 minute'";
        long before = jdbc.queryForObject(ahead, Long.class);
        open("INC-AHEAD-" + UUID.randomUUID().toString().substring(0, 6), secondsAgo(60));
        assertThat(jdbc.queryForObject(ahead, Long.class)).isEqualTo(before + 1);
    }

    @Test
    void a_timely_response_leaves_nothing_to_record() {
        String incident = "INC-MET-" + UUID.randomUUID().toString().substring(0, 6);
        Instant dueAt = open(incident, secondsAgo(896));
        client.post().uri("/api/v1/incidents/{id}/first-response", incident).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"channel\": \"PHONE\", \"engineer\": \"eng-7\"}").exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(20)).until(() -> Instant.now().isAfter(dueAt.plusSeconds(2)));
        List<JsonNode> events = events(incident);
        assertThat(events).extracting(event -> event.get("type").asText())
                .as("the warning, already due at the open, may come before or after the response")
                .doesNotContain("FirstResponseBreached").contains("FirstResponseRecorded");
        assertThat(eventsOfType(incident, "FirstResponseRecorded").get(0).get("payload").get("verdict").asText()).isEqualTo("MET");
    }

    @Test
    void history_stored_before_deadlines_were_facts_is_brought_forward_once_with_a_true_detection_instant() {
        String incident = "INC-OLD-" + UUID.randomUUID().toString().substring(0, 6);
        storeAsAnEarlierVersionDid(incident);
        JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
        jdbc.update("DELETE FROM deadline_backfill");
        Instant before = Instant.now();

        DeadlineBackfill backfill = service.getBean(DeadlineBackfill.class);
        assertThat(backfill.runOnce()).as("incidents brought forward").isGreaterThanOrEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> !eventsOfType(incident, "FirstResponseBreached").isEmpty());
        JsonNode breach = eventsOfType(incident, "FirstResponseBreached").get(0).get("payload");
        assertThat(Instant.parse(breach.get("detectedAt").asText())).isAfter(before).isBefore(Instant.now());
        assertThat(eventsOfType(incident, "FirstResponseAtRisk")).as("a warning after the deadline says nothing").isEmpty();

        assertThat(backfill.runOnce()).as("done once per database").isEqualTo(-1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM deadline_backfill", Long.class)).isEqualTo(1);
    }

    @Test
    void a_history_longer_than_a_page_is_brought_forward_page_by_page() {
        List<String> incidents = IntStream.range(0, 5)
                .mapToObj(i -> "INC-PAGED-" + i + "-" + UUID.randomUUID().toString().substring(0, 6)).toList();
        incidents.forEach(DeadlineFiringTest::storeAsAnEarlierVersionDid);
        JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
        jdbc.update("DELETE FROM deadline_backfill");

        DeadlineBackfill backfill = new DeadlineBackfill(service.getBean(DataSource.class), jdbc,
                service.getBean(CommandSender.class), Runnable::run, service.getBean(Clock.class), 2);
        long resumed = backfill.runOnce();

        assertThat(resumed).as("incidents brought forward, two per query").isGreaterThanOrEqualTo(incidents.size());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(incidents)
                .as("every stored incident, the last of each page too").allSatisfy(incident ->
                        assertThat(eventsOfType(incident, "FirstResponseBreached")).hasSize(1)));
        assertThat(jdbc.queryForObject("SELECT incidents FROM deadline_backfill", Long.class)).isEqualTo(resumed);
    }

    /** An incident opened before deadlines were facts of its own: its opening event, and no deadline scheduled. */
    private static void storeAsAnEarlierVersionDid(String incident) {
        Instant submittedAt = secondsAgo(3 * 3600);
        SlaDecision decision = service.getBean(SlaDecisions.class).opening(new ContractId("contoso"), new IncidentFacts(
                Severity.SEV_1, "azure-virtual-machines", Channel.PHONE, false, null, submittedAt));
        IncidentOpened opened = new IncidentOpened(new IncidentId(incident), new ContractId("contoso"), decision.contractVersion(),
                "stored by an earlier version", "azure-virtual-machines", Channel.PHONE, Severity.SEV_1, false, null, submittedAt,
                decision);
        service.getBean(TransactionManager.class).executeInTransaction(() -> service.getBean(EventStore.class).publish(
                new GenericDomainEventMessage<>("Incident", "incident:" + incident, 0, opened,
                        MetaData.from(Map.of(EventMetadata.ACTOR, "earlier-version")))));
    }

    /**
     * The deadlines of one transaction (a command group: a root unit of work, a nested one per command) are written
     * together as the root prepares to commit, none before; a nested unit of work rolled back (a command refused in the
     * group) leaves none.
     */
    @Test
    void a_transactions_deadlines_are_written_together_as_it_commits_and_a_rolled_back_command_leaves_none() {
        DeadlineManager deadlines = service.getBean(DeadlineManager.class);
        JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
        ScopeDescriptor scope = new AggregateScopeDescriptor("Incident", "incident:INC-NONE-" + UUID.randomUUID());
        Instant tomorrow = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(1));
        String rows = "SELECT task_instance FROM scheduled_tasks WHERE task_name = 'AxonDeadline' AND task_instance IN (?, ?, ?)";
        UnitOfWork<?> group = DefaultUnitOfWork.startAndGet(null);
        group.attachTransaction(service.getBean(TransactionManager.class));
        String committed;
        String rolledBack;
        String ofTheGroup;
        try {
            UnitOfWork<?> command = DefaultUnitOfWork.startAndGet(null);
            committed = deadlines.schedule(tomorrow, "kept", "payload", scope);
            command.commit();
            UnitOfWork<?> refused = DefaultUnitOfWork.startAndGet(null);
            rolledBack = deadlines.schedule(tomorrow, "dropped", "payload", scope);
            refused.rollback();
            ofTheGroup = deadlines.schedule(tomorrow.plusSeconds(1), "kept", "payload", scope);
            assertThat(jdbc.queryForList(rows, String.class, committed, rolledBack, ofTheGroup))
                    .as("nothing written before the group commits, in its own transaction").isEmpty();
        } catch (RuntimeException | Error failure) {
            group.rollback(failure);
            throw failure;
        }
        group.commit();
        try {
            assertThat(jdbc.queryForList(rows, String.class, committed, rolledBack, ofTheGroup))
                    .containsExactlyInAnyOrder(committed, ofTheGroup);
            assertThat(jdbc.queryForObject("SELECT execution_time FROM scheduled_tasks WHERE task_instance = ?",
                    Timestamp.class, ofTheGroup).toInstant()).isEqualTo(tomorrow.plusSeconds(1));
        } finally {
            jdbc.update("DELETE FROM scheduled_tasks WHERE task_instance IN (?, ?)", committed, ofTheGroup);
        }
    }

    /** A staged row is not in the table, where a cancellation would look: cancelling is refused rather than missed. */
    @Test
    void a_cancellation_is_refused_and_so_is_a_deadline_scheduled_after_the_rows_were_written() {
        DeadlineManager deadlines = service.getBean(DeadlineManager.class);
        ScopeDescriptor scope = new AggregateScopeDescriptor("Incident", "incident:INC-NONE-" + UUID.randomUUID());
        assertThatThrownBy(() -> deadlines.cancelSchedule("kept", "an-id")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> deadlines.cancelAll("kept")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> deadlines.cancelAllWithinScope("kept", scope))
                .isInstanceOf(UnsupportedOperationException.class);
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(service.getBean(TransactionManager.class));
        AtomicReference<Throwable> refused = new AtomicReference<>();
        unitOfWork.onCommit(committing -> {
            try {
                deadlines.schedule(Instant.now().plus(Duration.ofDays(1)), "late", "payload", scope);
            } catch (IllegalStateException expected) {
                refused.set(expected);
            }
        });
        unitOfWork.commit();
        assertThat(refused.get()).as("scheduled as the transaction commits, after its rows were written").isNotNull();
    }

    /**
     * A deadline no node will fire (its task is one no node knows) is held: the metrics say so, and how long it has
     * been due, until it is gone.
     */
    @Test
    void a_held_deadline_shows_in_the_metrics_until_it_is_gone() {
        JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
        String instance = "held-" + UUID.randomUUID();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(prometheus()).contains("incident_sla_deadlines_held 0.0"));
        jdbc.update("INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version) "
                + "VALUES ('a-task-no-node-knows', ?, now() - interval '1 minute', false, 1)", instance);
        try {
            // a node may pick it, and holds it until its heartbeat is missed (4 s)
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                String metrics = prometheus();
                assertThat(metrics).contains("incident_sla_deadlines_held 1.0");
                assertThat(sample(metrics, "incident_sla_deadlines_overdue_seconds")).isBetween(60.0, 120.0);
            });
        } finally {
            jdbc.update("DELETE FROM scheduled_tasks WHERE task_instance = ?", instance);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(prometheus()).contains("incident_sla_deadlines_held 0.0"));
    }

    private static String prometheus() {
        return client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private static double sample(String metrics, String name) {
        return metrics.lines().filter(line -> line.startsWith(name + " ")).mapToDouble(line -> Double.parseDouble(line.substring(name.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError(name + " is not exported"));
    }

    @Test
    void health_reports_deadline_firing() {
        client.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.components.deadlines.status").isEqualTo("UP")
                .jsonPath("$.components.deadlines.details.schedulerRunning").isEqualTo(true)
                .jsonPath("$.components.deadlines.details.heldDeadlines").isEqualTo(0);
    }
}
