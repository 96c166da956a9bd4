package dev.incidentsla.service.web;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** API.md's incident surface through HTTP. Jakarta is UTC+7; 2026-11-20 is a Friday. */
class IncidentApiTest extends ApiTestSupport {

    private static final String FRIDAY_1700 = "2026-11-20T10:00:00Z";
    private static final String MONDAY_1030 = "2026-11-23T03:30:00Z";

    private String contract;
    private String incident;

    @BeforeEach
    void contract() {
        contract = jakartaContract("{\"program\": \"UER\"}");
        incident = "INC-" + suffix;
    }

    @Test
    void opening_answers_201_with_location_and_the_incident_view_of_api_md() {
        openIncident(incident, contract, "B", FRIDAY_1700)
                .expectStatus().isCreated()
                .expectHeader().location("/api/v1/incidents/" + incident)
                .expectBody()
                .jsonPath("$.incidentId").isEqualTo(incident)
                .jsonPath("$.contractId").isEqualTo(contract)
                .jsonPath("$.severity").isEqualTo("B")
                .jsonPath("$.status").isEqualTo("OPEN")
                .jsonPath("$.product").isEqualTo("azure-virtual-machines")
                .jsonPath("$.channel").isEqualTo("WEB")
                .jsonPath("$.aroundTheClock").isEqualTo(false)
                .jsonPath("$.submittedAt").isEqualTo(FRIDAY_1700)
                .jsonPath("$.firstResponse.dueAt").isEqualTo(MONDAY_1030)
                .jsonPath("$.firstResponse.target").isEqualTo("PT2H")
                .jsonPath("$.firstResponse.clock").isEqualTo("BUSINESS_HOURS")
                .jsonPath("$.firstResponse.program").isEqualTo("UNIFIED")
                .jsonPath("$.firstResponse.rule").isEqualTo("unified.sev-b.business-hours")
                .jsonPath("$.firstResponse.status").isEqualTo("PENDING")
                .jsonPath("$.firstResponse.respondedAt").isEmpty();
        client.get().uri("/api/v1/incidents/{id}", incident).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.firstResponse.dueAt").isEqualTo(MONDAY_1030);
    }

    @Test
    void re_posting_the_same_open_returns_the_existing_incident_and_a_different_body_is_409() {
        openIncident(incident, contract, "B", FRIDAY_1700).expectStatus().isCreated();
        openIncident(incident, contract, "B", FRIDAY_1700).expectStatus().isOk()
                .expectBody().jsonPath("$.incidentId").isEqualTo(incident).jsonPath("$.sequence").isEqualTo(0);
        assertProblem(openIncident(incident, contract, "A", FRIDAY_1700), 409, "different body");
        client.get().uri("/api/v1/incidents/{id}/events", incident).exchange().expectBody().jsonPath("$.length()").isEqualTo(1);
    }

    @Test
    void identical_opens_racing_each_other_create_one_incident_and_all_succeed() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                statuses.add(pool.submit(() -> openIncident(incident, contract, "B", FRIDAY_1700)
                        .returnResult(String.class).getStatus().value()));
            }
            List<Integer> codes = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Integer> status : statuses) {
                codes.add(status.get());
            }
            assertThat(codes).containsOnly(201, 200);
            assertThat(codes).filteredOn(code -> code == 201).hasSize(1);
        } finally {
            pool.shutdown();
        }
        client.get().uri("/api/v1/incidents/{id}/events", incident).exchange().expectBody().jsonPath("$.length()").isEqualTo(1);
    }

    @Test
    void a_regrade_that_does_not_mention_24x7_keeps_the_customers_choice() {
        post("/api/v1/incidents", """
                {"incidentId": "%s", "contractId": "%s", "severity": "B", "product": "azure-virtual-machines",
                 "channel": "WEB", "aroundTheClock": true, "submittedAt": "%s"}""".formatted(incident, contract, FRIDAY_1700))
                .expectStatus().isCreated().expectBody().jsonPath("$.firstResponse.clock").isEqualTo("ROUND_THE_CLOCK");
        post("/api/v1/incidents/{id}/regrade", "{\"severity\": \"C\", \"at\": \"2026-11-20T10:05:00Z\"}", incident)
                .expectStatus().isOk().expectBody().jsonPath("$.aroundTheClock").isEqualTo(true);
    }

    @Test
    void an_incident_id_no_id_may_be_is_400_and_a_contract_id_no_id_may_be_is_404() {
        assertProblem(openIncident("bad id!", contract, "B", FRIDAY_1700), 400, "incident id must be");
        assertProblem(openIncident(incident, "bad contract!", "B", FRIDAY_1700), 404, "no contract");
    }

    @Test
    void an_open_without_id_or_submission_instant_gets_a_generated_id_and_now() {
        post("/api/v1/incidents", """
                {"contractId": "%s", "severity": "1", "product": "azure-virtual-machines", "channel": "PHONE"}"""
                .formatted(contract))
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.incidentId").value(id -> assertThat((String) id).startsWith("INC-"))
                .jsonPath("$.submittedAt").isEqualTo(NOW.toString())
                .jsonPath("$.firstResponse.dueAt").isEqualTo("2026-11-21T12:15:00Z")
                .jsonPath("$.firstResponse.seniorIncidentManager").isEqualTo(true);
    }

    @Test
    void opening_under_an_unknown_contract_is_404() {
        assertProblem(openIncident(incident, "nobody-" + suffix, "B", FRIDAY_1700), 404, "no contract");
    }

    @Test
    void an_unknown_product_is_422_and_nothing_is_stored() {
        assertProblem(post("/api/v1/incidents", """
                {"incidentId": "%s", "contractId": "%s", "severity": "B", "product": "azure-mars", "channel": "WEB"}"""
                .formatted(incident, contract)), 422, "unknown product code 'azure-mars'");
        client.get().uri("/api/v1/incidents/{id}", incident).exchange().expectStatus().isNotFound();
    }

    @Test
    void an_unknown_event_id_is_422() {
        assertProblem(post("/api/v1/incidents", """
                {"incidentId": "%s", "contractId": "%s", "severity": "1", "product": "azure-virtual-machines",
                 "channel": "WEB", "eventId": "launch-2099"}""".formatted(incident, contract)), 422, "launch-2099");
    }

    @Test
    void a_submission_later_than_now_beyond_the_skew_is_422_but_a_back_dated_one_is_accepted() {
        assertProblem(openIncident(incident, contract, "B", NOW.plusSeconds(31).toString()), 422, "in the future");
        openIncident(incident, contract, "B", NOW.plusSeconds(30).toString()).expectStatus().isCreated();
        openIncident(incident + "-old", contract, "B", "2025-01-06T02:00:00Z").expectStatus().isCreated();
    }

    @Test
    void malformed_input_is_400() {
        assertProblem(post("/api/v1/incidents", "{\"contractId\": "), 400, "not valid JSON");
        assertProblem(openIncident(incident, contract, "Z", FRIDAY_1700), 400, "'severity' must be one of 1, A, B, C");
        assertProblem(post("/api/v1/incidents", """
                {"contractId": "%s", "severity": "B", "product": "azure-virtual-machines", "channel": "FAX"}"""
                .formatted(contract)), 400, "'channel' must be one of PHONE, WEB, CLOUD_PORTAL");
        assertProblem(openIncident(incident, contract, "B", "last friday"), 400, "'submittedAt' must be an instant with its zone");
        assertProblem(post("/api/v1/incidents", "{\"contractId\": \"%s\", \"severity\": \"B\"}".formatted(contract)), 400,
                "product is required");
    }

    @Test
    void a_body_over_the_configured_size_is_413() {
        String title = "x".repeat(70_000);
        assertProblem(post("/api/v1/incidents", """
                {"contractId": "%s", "severity": "B", "product": "azure-virtual-machines", "channel": "WEB", "title": "%s"}"""
                .formatted(contract, title)), 413, "");
    }

    @Test
    void a_regrade_recomputes_from_its_own_instant_and_a_response_meets_the_new_deadline() {
        openIncident(incident, contract, "B", FRIDAY_1700).expectStatus().isCreated();
        post("/api/v1/incidents/{id}/regrade", """
                {"severity": "A", "aroundTheClock": false, "reason": "business impact increased", "at": "2026-11-20T10:10:00Z"}""",
                incident)
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.severity").isEqualTo("A")
                .jsonPath("$.firstResponse.program").isEqualTo("UER")
                .jsonPath("$.firstResponse.rule").isEqualTo("uer.sev-a")
                .jsonPath("$.firstResponse.dueAt").isEqualTo("2026-11-20T10:40:00Z");
        post("/api/v1/incidents/{id}/first-response", """
                {"respondedAt": "2026-11-20T10:40:00Z", "channel": "PHONE", "engineer": "eng-7"}""", incident)
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.firstResponse.status").isEqualTo("MET")
                .jsonPath("$.firstResponse.respondedAt").isEqualTo("2026-11-20T10:40:00Z");
        post("/api/v1/incidents/{id}/close", "{\"closedAt\": \"2026-11-20T12:00:00Z\", \"resolution\": \"restarted\"}", incident)
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("CLOSED").jsonPath("$.firstResponse.status").isEqualTo("MET");
    }

    @Test
    void a_pending_sla_whose_deadline_passed_reads_breached() {
        openIncident(incident, contract, "1", "2026-11-21T11:00:00Z").expectStatus().isCreated()
                .expectBody().jsonPath("$.firstResponse.status").isEqualTo("BREACHED")
                .jsonPath("$.firstResponse.dueAt").isEqualTo("2026-11-21T11:15:00Z");
    }

    @Test
    void commands_the_state_forbids_are_409_and_unknown_incidents_404() {
        openIncident(incident, contract, "B", FRIDAY_1700).expectStatus().isCreated();
        post("/api/v1/incidents/{id}/close", "{\"closedAt\": \"2026-11-20T10:30:00Z\"}", incident).expectStatus().isOk()
                .expectBody().jsonPath("$.firstResponse.status").isEqualTo("CANCELLED");
        assertProblem(post("/api/v1/incidents/{id}/regrade", "{\"severity\": \"A\", \"at\": \"2026-11-20T10:40:00Z\"}", incident),
                409, "closed");
        assertProblem(post("/api/v1/incidents/{id}/first-response", "{\"respondedAt\": \"2026-11-20T10:40:00Z\"}", incident),
                409, "closed");
        assertProblem(post("/api/v1/incidents/{id}/close", "{}", incident), 409, "closed");
        assertProblem(post("/api/v1/incidents/{id}/regrade", "{\"severity\": \"A\"}", "nobody-" + suffix), 404, "no incident");
        assertProblem(client.get().uri("/api/v1/incidents/{id}", "nobody-" + suffix).exchange(), 404, "no incident");
    }

    @Test
    void a_command_dated_before_the_previous_event_is_422() {
        openIncident(incident, contract, "B", FRIDAY_1700).expectStatus().isCreated();
        assertProblem(post("/api/v1/incidents/{id}/first-response", "{\"respondedAt\": \"2026-11-20T09:59:59Z\"}", incident),
                422, "precedes");
    }

    @Test
    void the_history_lists_every_event_with_sequence_type_timestamp_payload_actor_and_correlation_id() {
        client.post().uri("/api/v1/incidents").contentType(MediaType.APPLICATION_JSON)
                .header("X-Actor", "support-bot").header("X-Correlation-Id", "corr-" + suffix)
                .bodyValue("""
                        {"incidentId": "%s", "contractId": "%s", "severity": "B", "product": "azure-virtual-machines",
                         "channel": "WEB", "submittedAt": "%s"}""".formatted(incident, contract, FRIDAY_1700))
                .exchange().expectStatus().isCreated().expectHeader().valueEquals("X-Correlation-Id", "corr-" + suffix);
        client.post().uri("/api/v1/incidents/{id}/regrade", incident).contentType(MediaType.APPLICATION_JSON)
                .header("X-Actor", "duty-manager")
                .bodyValue("{\"severity\": \"C\", \"reason\": \"customer request\", \"at\": \"2026-11-20T10:05:00Z\"}")
                .exchange().expectStatus().isOk();
        client.get().uri("/api/v1/incidents/{id}/events", incident).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.length()").isEqualTo(2)
                .jsonPath("$[0].sequence").isEqualTo(0)
                .jsonPath("$[0].type").isEqualTo("IncidentOpened")
                .jsonPath("$[0].revision").isEqualTo("2")
                .jsonPath("$[0].timestamp").isNotEmpty()
                .jsonPath("$[0].payload.submittedAt").isEqualTo(FRIDAY_1700)
                .jsonPath("$[0].payload.firstResponse.explanation").value(text -> assertThat((String) text)
                        .contains("counted 30m on Fri 2026-11-20 17:00-17:30", "skipped Sat 2026-11-21 (weekend)"))
                .jsonPath("$[0].metadata.actor").isEqualTo("support-bot")
                .jsonPath("$[0].metadata.correlationId").isEqualTo("corr-" + suffix)
                .jsonPath("$[1].sequence").isEqualTo(1)
                .jsonPath("$[1].type").isEqualTo("IncidentRegraded")
                .jsonPath("$[1].payload.effect").isEqualTo("DOWNGRADE_RECOMPUTED")
                .jsonPath("$[1].payload.reason").isEqualTo("customer request")
                .jsonPath("$[1].metadata.actor").isEqualTo("duty-manager")
                .jsonPath("$[1].metadata.correlationId").isNotEmpty();
    }

    @Test
    void the_sla_as_of_an_instant_is_rebuilt_from_the_history_with_its_explanation() {
        openIncident(incident, contract, "B", FRIDAY_1700).expectStatus().isCreated();
        post("/api/v1/incidents/{id}/regrade", "{\"severity\": \"A\", \"at\": \"2026-11-20T10:10:00Z\"}", incident)
                .expectStatus().isOk();
        client.get().uri("/api/v1/incidents/{id}/sla?asOf={t}", incident, "2026-11-20T10:05:00Z").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.severity").isEqualTo("B")
                .jsonPath("$.dueAt").isEqualTo(MONDAY_1030)
                .jsonPath("$.status").isEqualTo("PENDING")
                .jsonPath("$.eventsApplied").isEqualTo(1)
                .jsonPath("$.explanation").value(text -> assertThat((String) text).contains("skipped Sun 2026-11-22 (weekend)"));
        client.get().uri("/api/v1/incidents/{id}/sla?asOf={t}", incident, "2026-11-20T10:41:00Z").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.severity").isEqualTo("A")
                .jsonPath("$.dueAt").isEqualTo("2026-11-20T10:40:00Z")
                .jsonPath("$.status").isEqualTo("BREACHED")
                .jsonPath("$.eventsApplied").isEqualTo(2);
        assertProblem(client.get().uri("/api/v1/incidents/{id}/sla?asOf={t}", incident, "2026-11-20T09:00:00Z").exchange(),
                422, "submitted after");
        assertProblem(client.get().uri("/api/v1/incidents/{id}/sla?asOf=yesterday", incident).exchange(), 400, "");
    }
}
