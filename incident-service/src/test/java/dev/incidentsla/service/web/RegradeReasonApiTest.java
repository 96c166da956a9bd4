package dev.incidentsla.service.web;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A re-grade's reason code over HTTP: kept beside the free text in the history, OTHER when left out, 400 when unknown. */
class RegradeReasonApiTest extends ApiTestSupport {

    private static final String FRIDAY_1700 = "2026-11-20T10:00:00Z";
    private static final String FRIDAY_1710 = "2026-11-20T10:10:00Z";

    private String incident;

    @BeforeEach
    void openSevB() {
        incident = "INC-" + suffix;
        openIncident(incident, jakartaContract(""), "B", FRIDAY_1700).expectStatus().isCreated();
    }

    @Test
    void a_regrade_with_a_reason_code_records_it_beside_the_free_text() {
        post("/api/v1/incidents/{id}/regrade", """
                {"severity": "C", "reason": "customer asked for Sev C", "reasonCode": "CUSTOMER_REQUEST", "at": "%s"}"""
                .formatted(FRIDAY_1710), incident).expectStatus().isOk();
        client.get().uri("/api/v1/incidents/{id}/events", incident).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[1].type").isEqualTo("IncidentRegraded")
                .jsonPath("$[1].payload.reasonCode").isEqualTo("CUSTOMER_REQUEST")
                .jsonPath("$[1].payload.reason").isEqualTo("customer asked for Sev C");
    }

    @Test
    void a_regrade_of_an_older_client_with_only_a_free_text_reason_records_other() {
        post("/api/v1/incidents/{id}/regrade", """
                {"severity": "A", "reason": "business impact increased", "at": "%s"}""".formatted(FRIDAY_1710), incident)
                .expectStatus().isOk();
        client.get().uri("/api/v1/incidents/{id}/events", incident).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[1].payload.reasonCode").isEqualTo("OTHER");
    }

    @Test
    void an_unknown_reason_code_is_a_400_problem_and_records_nothing() {
        assertProblem(post("/api/v1/incidents/{id}/regrade", """
                {"severity": "C", "reasonCode": "CUSTOMER_ASKED", "at": "%s"}""".formatted(FRIDAY_1710), incident),
                400, "reasonCode");
        assertProblem(post("/api/v1/incidents/{id}/regrade", """
                {"severity": "C", "reasonCode": "customer_request", "at": "%s"}""".formatted(FRIDAY_1710), incident),
                400, "reasonCode");
        client.get().uri("/api/v1/incidents/{id}/events", incident).exchange().expectBody().jsonPath("$.length()").isEqualTo(1);
    }
}
