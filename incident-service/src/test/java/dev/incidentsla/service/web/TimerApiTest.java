package dev.incidentsla.service.web;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The section-9 timers over REST against the real service and PostgreSQL: one scenario per endpoint, each answering the
 * incident view with its {@code timers}. Now is Saturday 2026-11-21 12:00Z (19:00 in Jakarta).
 */
class TimerApiTest extends ApiTestSupport {

    private String contract;

    @BeforeEach
    void contract() {
        contract = jakartaContract("""
                {"program": "AZURE_EVENT_MCS", "events": [{"eventId": "launch", "start": "2026-11-20", "end": "2026-11-30",
                  "confirmedOn": "2026-09-01"}]},
                {"program": "AZURE_PLATFORM_MCS", "effectiveFrom": "2026-01-01"}""");
    }

    private String open(String severity, String submittedAt, String eventId) {
        String incident = "INC-T-" + suffix + "-" + severity + submittedAt.substring(8, 10);
        post("/api/v1/incidents", """
                {"incidentId": "%s", "contractId": "%s", "severity": "%s", "product": "azure-virtual-machines",
                 "channel": "WEB", "submittedAt": "%s", "eventId": %s}"""
                .formatted(incident, contract, severity, submittedAt, eventId == null ? "null" : "\"" + eventId + "\""))
                .expectStatus().isCreated();
        return incident;
    }

    private int eventCount(String incident) {
        List<?> events = client.get().uri("/api/v1/incidents/{id}/events", incident).exchange().expectStatus().isOk()
                .expectBody(List.class).returnResult().getResponseBody();
        return events == null ? 0 : events.size();
    }

    @Test
    void the_first_response_is_the_first_of_the_timers() {
        String incident = open("B", "2026-11-21T11:00:00Z", null);
        client.get().uri("/api/v1/incidents/{id}", incident).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.timers.length()").isEqualTo(1)
                .jsonPath("$.timers[0].timer").isEqualTo("FIRST_RESPONSE")
                .jsonPath("$.timers[0].party").isEqualTo("MICROSOFT")
                .jsonPath("$.timers[0].startedAt").isEqualTo("2026-11-21T11:00:00Z")
                .jsonPath("$.timers[0].dueAt").isEqualTo("2026-11-23T04:00:00Z")
                .jsonPath("$.timers[0].target").isEqualTo("PT2H")
                .jsonPath("$.timers[0].clock").isEqualTo("BUSINESS_HOURS")
                .jsonPath("$.timers[0].status").isEqualTo("PENDING")
                .jsonPath("$.timers[0].metAt").isEmpty();
    }

    @Test
    void crit_sit_assigned_stops_the_event_mcs_crit_sit_timer_met() {
        String incident = open("1", "2026-11-21T11:50:00Z", "launch");
        client.get().uri("/api/v1/incidents/{id}", incident).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.timers[1].timer").isEqualTo("CRIT_SIT_ASSIGNMENT")
                .jsonPath("$.timers[1].id").isEqualTo("crit-sit-assignment-1")
                .jsonPath("$.timers[1].dueAt").isEqualTo("2026-11-21T12:20:00Z")
                .jsonPath("$.timers[1].status").isEqualTo("PENDING");
        post("/api/v1/incidents/{id}/crit-sit-assigned", "{\"engineer\": \"crit-sit-7\"}", incident)
                .expectStatus().isOk().expectBody()
                .jsonPath("$.timers[1].status").isEqualTo("MET")
                .jsonPath("$.timers[1].metAt").isEqualTo(NOW.toString());
        assertProblem(post("/api/v1/incidents/{id}/crit-sit-assigned", "{\"at\": \"yesterday\"}", incident), 400, "");
        assertProblem(post("/api/v1/incidents/{id}/crit-sit-assigned", "{}", "INC-nobody-" + suffix), 404, "no incident");
    }

    @Test
    void rca_requested_waits_for_the_mitigation_which_starts_its_clock_and_rca_delivered_stops_it() {
        String incident = open("B", "2026-11-20T03:00:00Z", null);
        post("/api/v1/incidents/{id}/rca-requested", "{\"at\": \"2026-11-20T06:00:00Z\"}", incident)
                .expectStatus().isOk().expectBody()
                .jsonPath("$.timers[1].timer").isEqualTo("ROOT_CAUSE_ANALYSIS")
                .jsonPath("$.timers[1].status").isEqualTo("PENDING")
                .jsonPath("$.timers[1].startedAt").isEmpty()
                .jsonPath("$.timers[1].dueAt").isEmpty()
                .jsonPath("$.timers[1].target").isEqualTo("P10D");
        post("/api/v1/incidents/{id}/mitigated", "{\"at\": \"2026-11-20T07:00:00Z\"}", incident)
                .expectStatus().isOk().expectBody()
                .jsonPath("$.timers[1].startedAt").isEqualTo("2026-11-20T07:00:00Z")
                .jsonPath("$.timers[1].dueAt").isEqualTo("2026-12-04T10:30:00Z");
        assertProblem(post("/api/v1/incidents/{id}/mitigated", "{}", incident), 409, "mitigated already");
        post("/api/v1/incidents/{id}/rca-delivered", "{}", incident)
                .expectStatus().isOk().expectBody()
                .jsonPath("$.timers[1].status").isEqualTo("MET")
                .jsonPath("$.timers[1].metAt").isEqualTo(NOW.toString());
        assertProblem(post("/api/v1/incidents/{id}/rca-delivered", "{}", incident), 409, "delivered already");
    }

    @Test
    void rca_requested_more_than_7_days_after_the_closure_is_a_rule_violation_that_changes_nothing() {
        String incident = open("B", "2026-11-10T03:00:00Z", null);
        post("/api/v1/incidents/{id}/close", "{\"closedAt\": \"2026-11-10T04:00:00Z\"}", incident).expectStatus().isOk();
        int before = eventCount(incident);
        assertProblem(post("/api/v1/incidents/{id}/rca-requested", "{}", incident), 422, "7 calendar days");
        assertThat(eventCount(incident)).isEqualTo(before);
        assertProblem(post("/api/v1/incidents/{id}/rca-delivered", "{}", incident), 409, "no root-cause analysis");
    }

    /** Asked on Saturday evening in Jakarta: 4 business hours from Monday 09:00. */
    @Test
    void customer_requests_starts_a_customer_timer_and_bad_input_changes_nothing() {
        String incident = open("B", "2026-11-21T11:00:00Z", null);
        int before = eventCount(incident);
        assertProblem(post("/api/v1/incidents/{id}/customer-requests", "{}", incident), 400, "kind");
        assertProblem(post("/api/v1/incidents/{id}/customer-requests", "{\"kind\": \"PATIENCE\"}", incident), 400, "");
        assertProblem(post("/api/v1/incidents/{id}/customer-requests",
                "{\"kind\": \"CHANGE_CONTROL\", \"at\": \"2026-11-20\"}", incident), 400, "");
        assertProblem(post("/api/v1/incidents/{id}/customer-requests", "{\"kind\": \"RESPONSIVENESS\"}", incident), 422,
                "Sev C only");
        assertThat(eventCount(incident)).isEqualTo(before);
        post("/api/v1/incidents/{id}/customer-requests", "{\"kind\": \"CHANGE_CONTROL\", \"at\": \"2026-11-21T11:30:00Z\"}",
                incident)
                .expectStatus().isOk().expectBody()
                .jsonPath("$.timers[1].timer").isEqualTo("CUSTOMER_CHANGE_CONTROL")
                .jsonPath("$.timers[1].id").isEqualTo("customer-change-control-1")
                .jsonPath("$.timers[1].party").isEqualTo("CUSTOMER")
                .jsonPath("$.timers[1].dueAt").isEqualTo("2026-11-23T06:00:00Z")
                .jsonPath("$.timers[1].clock").isEqualTo("BUSINESS_HOURS")
                .jsonPath("$.timers[1].status").isEqualTo("PENDING");
        assertProblem(post("/api/v1/incidents/{id}/customer-requests", "{\"kind\": \"CHANGE_CONTROL\"}", incident), 409,
                "asked the customer already");
    }

    @Test
    void customer_answered_stops_the_timer_and_a_new_request_is_a_new_timer() {
        String incident = open("C", "2026-11-20T03:00:00Z", null);
        assertProblem(post("/api/v1/incidents/{id}/customer-answered", "{\"kind\": \"RESPONSIVENESS\"}", incident), 409,
                "waits for no");
        post("/api/v1/incidents/{id}/customer-requests", "{\"kind\": \"RESPONSIVENESS\", \"at\": \"2026-11-21T02:00:00Z\"}",
                incident).expectStatus().isOk();
        post("/api/v1/incidents/{id}/customer-answered", "{\"kind\": \"RESPONSIVENESS\", \"at\": \"2026-11-21T10:00:00Z\"}",
                incident)
                .expectStatus().isOk().expectBody()
                .jsonPath("$.timers[1].status").isEqualTo("MET")
                .jsonPath("$.timers[1].metAt").isEqualTo("2026-11-21T10:00:00Z");
        post("/api/v1/incidents/{id}/customer-requests", "{\"kind\": \"RESPONSIVENESS\"}", incident)
                .expectStatus().isOk().expectBody()
                .jsonPath("$.timers[2].id").isEqualTo("customer-responsiveness-2")
                .jsonPath("$.timers[2].dueAt").isEqualTo("2026-11-22T12:00:00Z")
                .jsonPath("$.timers[2].clock").isEqualTo("ROUND_THE_CLOCK");
        assertProblem(post("/api/v1/incidents/{id}/customer-answered", "{\"kind\": 7}", incident), 400, "");
    }
}
