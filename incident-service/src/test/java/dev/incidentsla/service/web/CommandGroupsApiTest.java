package dev.incidentsla.service.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.api.incident.OpenIncident;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commands that arrive while a group is in hand commit together, and one that fails does not fail the others. The
 * tests' service has one lane ({@link ApiTestSupport}), so every command waits behind the one held here.
 */
class CommandGroupsApiTest extends ApiTestSupport {

    private static final String FRIDAY_1700 = "2026-11-20T10:00:00Z";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    CommandBus commandBus;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcTemplate jdbc;

    private String contract;
    private ExecutorService pool;
    private Registration holdRegistration;
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    @BeforeEach
    void contractAndPool() {
        contract = jakartaContract("{\"program\": \"UER\"}");
        pool = Executors.newFixedThreadPool(12);
    }

    @AfterEach
    void releaseAndStop() {
        released.countDown();
        if (holdRegistration != null) {
            holdRegistration.cancel();
        }
        pool.shutdownNow();
    }

    @Test
    void opens_sent_while_a_group_is_in_hand_commit_together_each_with_its_own_history() throws Exception {
        Future<Integer> first = holdTheOpenOf("INC-held-" + suffix);
        Map<String, Future<EntityExchangeResult<String>>> opens = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            String id = "INC-g" + i + "-" + suffix;
            opens.put(id, pool.submit(() -> openCorrelated(id, "correlation-" + id)));
        }
        awaitWaiting(8);
        Sizes before = sizes("committed");

        released.countDown();

        assertThat(first.get(60, TimeUnit.SECONDS)).isEqualTo(201);
        for (Map.Entry<String, Future<EntityExchangeResult<String>>> open : opens.entrySet()) {
            EntityExchangeResult<String> answer = open.getValue().get(60, TimeUnit.SECONDS);
            assertThat(answer.getStatus().value()).isEqualTo(201);
            assertThat(JSON.readTree(answer.getResponseBody()).get("incidentId").asText()).isEqualTo(open.getKey());
            JsonNode events = events(open.getKey());
            assertThat(events).hasSize(1);
            assertThat(events.get(0).get("metadata").get("correlationId").asText()).isEqualTo("correlation-" + open.getKey());
        }
        Sizes after = sizes("committed");
        assertThat(after.groups() - before.groups()).as("one group").isEqualTo(1);
        assertThat(after.commands() - before.commands()).as("of the eight waiting opens").isEqualTo(8);
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT xmin::text) FROM domain_event_entry WHERE "
                + "aggregate_identifier = ANY (?)", Long.class, (Object) opens.keySet().stream()
                .map(id -> new IncidentId(id).toString()).toArray(String[]::new)))
                .as("the eight opens' events were written by one transaction").isEqualTo(1);
        assertThat(client.get().uri("/actuator/prometheus").accept(MediaType.TEXT_PLAIN).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody())
                .as("the names README.md and the database-speed harness read")
                .contains("incident_sla_command_groups_commands_count{outcome=\"committed\"")
                .contains("incident_sla_command_groups_commands_sum{outcome=\"split\"")
                .contains("incident_sla_command_groups_waiting_commands ")
                .contains("incident_sla_command_groups_waited_too_long_commands_total ");
    }

    @Test
    void a_group_whose_append_meets_an_existing_incident_rolls_back_and_each_open_answers_as_alone() throws Exception {
        String existing = "INC-there-" + suffix;
        openIncident(existing, contract, "B", FRIDAY_1700).expectStatus().isCreated();
        Future<Integer> first = holdTheOpenOf("INC-held-" + suffix);
        List<Future<EntityExchangeResult<String>>> fresh = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String id = "INC-f" + i + "-" + suffix;
            fresh.add(pool.submit(() -> openCorrelated(id, "c")));
        }
        Future<Integer> retry = pool.submit(() -> openIncident(existing, contract, "B", FRIDAY_1700)
                .returnResult(String.class).getStatus().value());
        awaitWaiting(5);
        Sizes before = sizes("split");

        released.countDown();

        assertThat(first.get(60, TimeUnit.SECONDS)).isEqualTo(201);
        for (Future<EntityExchangeResult<String>> open : fresh) {
            EntityExchangeResult<String> answer = open.get(60, TimeUnit.SECONDS);
            assertThat(answer.getStatus().value()).isEqualTo(201);
            assertThat(events(JSON.readTree(answer.getResponseBody()).get("incidentId").asText())).hasSize(1);
        }
        assertThat(retry.get(60, TimeUnit.SECONDS)).as("the retry finds the incident it opened").isEqualTo(200);
        assertThat(events(existing)).hasSize(1);
        Sizes after = sizes("split");
        assertThat(after.groups() - before.groups()).isEqualTo(1);
        assertThat(after.commands() - before.commands()).isEqualTo(5);
    }

    @Test
    void a_command_its_incident_refuses_fails_alone_and_the_others_of_its_group_commit() throws Exception {
        List<String> incidents = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            incidents.add("INC-r" + i + "-" + suffix);
            openIncident(incidents.get(i), contract, "B", FRIDAY_1700).expectStatus().isCreated();
        }
        Future<Integer> first = holdTheOpenOf("INC-held-" + suffix);
        List<Future<Integer>> responses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String respondedAt = i == 2 ? "2026-11-20T09:59:59Z" : "2026-11-20T10:30:00Z";
            String id = incidents.get(i);
            responses.add(pool.submit(() -> post("/api/v1/incidents/{id}/first-response",
                    "{\"respondedAt\": \"" + respondedAt + "\"}", id).returnResult(String.class).getStatus().value()));
        }
        awaitWaiting(4);
        Sizes before = sizes("split");

        released.countDown();

        assertThat(first.get(60, TimeUnit.SECONDS)).isEqualTo(201);
        for (int i = 0; i < 4; i++) {
            assertThat(responses.get(i).get(60, TimeUnit.SECONDS)).as(incidents.get(i)).isEqualTo(i == 2 ? 422 : 200);
            assertThat(events(incidents.get(i))).as(incidents.get(i)).hasSize(i == 2 ? 1 : 2);
        }
        Sizes after = sizes("split");
        assertThat(after.groups() - before.groups()).isEqualTo(1);
        assertThat(after.commands() - before.commands()).isEqualTo(4);
    }

    /** Opens the incident, holding its command in its handler (the lane in hand) until the test releases it. */
    private Future<Integer> holdTheOpenOf(String incidentId) throws InterruptedException {
        MessageHandlerInterceptor<CommandMessage<?>> hold = (unitOfWork, chain) -> {
            if (unitOfWork.getMessage().getPayload() instanceof OpenIncident open && open.incidentId().value().equals(incidentId)) {
                held.countDown();
                released.await(60, TimeUnit.SECONDS);
            }
            return chain.proceed();
        };
        holdRegistration = commandBus.registerHandlerInterceptor(hold);
        Future<Integer> status = pool.submit(() -> openIncident(incidentId, contract, "B", FRIDAY_1700)
                .returnResult(String.class).getStatus().value());
        assertThat(held.await(60, TimeUnit.SECONDS)).as("the first open reached its hold").isTrue();
        return status;
    }

    private EntityExchangeResult<String> openCorrelated(String incidentId, String correlationId) {
        return client.post().uri("/api/v1/incidents").contentType(MediaType.APPLICATION_JSON)
                .header(RequestContexts.CORRELATION_HEADER, correlationId)
                .bodyValue("""
                        {"incidentId": "%s", "contractId": "%s", "severity": "B", "product": "azure-virtual-machines",
                         "channel": "WEB", "aroundTheClock": false, "submittedAt": "%s"}""".formatted(incidentId, contract,
                        FRIDAY_1700))
                .exchange().expectBody(String.class).returnResult();
    }

    private JsonNode events(String incidentId) throws Exception {
        return JSON.readTree(client.get().uri("/api/v1/incidents/{id}/events", incidentId).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
    }

    private void awaitWaiting(int commands) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (meters.get("incident.sla.command.groups.waiting").gauge().value() < commands) {
            assertThat(System.nanoTime()).as("%d commands waiting for the lane", commands).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private record Sizes(long groups, double commands) {
    }

    private Sizes sizes(String outcome) {
        DistributionSummary summary = meters.get("incident.sla.command.groups").tag("outcome", outcome).summary();
        return new Sizes(summary.count(), summary.totalAmount());
    }
}
