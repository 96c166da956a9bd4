package dev.incidentsla.service.web;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class ContractApiTest extends ApiTestSupport {

    private static final String JAKARTA = """
            {"customerName": "Contoso",
             "supportLocation": {"timeZone": "Asia/Jakarta", "country": "ID", "subdivision": null,
               "weekendDays": ["SATURDAY", "SUNDAY"], "businessHours": {"opens": "09:00", "closes": "17:30"},
               "extraHolidays": ["2026-12-24"], "removedHolidays": [], "extraWorkingDays": []},
             "programs": [{"program": "UNIFIED"}, {"program": "UER"}, {"program": "AZURE_RAPID_RESPONSE"},
               {"program": "AZURE_PLATFORM_MCS", "effectiveFrom": "2026-01-01"},
               {"program": "AZURE_EVENT_MCS", "events": [{"eventId": "launch-2026", "start": "2026-11-27",
                 "end": "2026-12-01", "confirmedOn": "2026-10-01", "approved": false}]},
               {"program": "SECURITY_CLOUD_MCS"}]}""";

    @Test
    void putting_the_api_example_registers_version_1_and_get_returns_it() {
        String id = "contoso-" + suffix;
        client.put().uri("/api/v1/contracts/{id}", id).contentType(MediaType.APPLICATION_JSON).bodyValue(JAKARTA).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.version").isEqualTo(1).jsonPath("$.contractId").isEqualTo(id);
        client.get().uri("/api/v1/contracts/{id}", id).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.version").isEqualTo(1)
                .jsonPath("$.customerName").isEqualTo("Contoso")
                .jsonPath("$.supportLocation.timeZone").isEqualTo("Asia/Jakarta")
                .jsonPath("$.supportLocation.extraHolidays[0]").isEqualTo("2026-12-24")
                .jsonPath("$.programs[4].events[0].eventId").isEqualTo("launch-2026")
                .jsonPath("$.registeredAt").isEqualTo(NOW.toString());
    }

    @Test
    void putting_the_same_terms_again_keeps_the_version_and_changed_terms_add_one() {
        String id = putContract("contoso-" + suffix, JAKARTA);
        client.put().uri("/api/v1/contracts/{id}", id).contentType(MediaType.APPLICATION_JSON).bodyValue(JAKARTA).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(1);
        client.put().uri("/api/v1/contracts/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(JAKARTA.replace("\"Contoso\"", "\"Contoso Ltd\"")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(2).jsonPath("$.customerName").isEqualTo("Contoso Ltd");
    }

    @Test
    void an_event_window_without_approved_is_not_approved() {
        String id = "contoso-" + suffix;
        client.put().uri("/api/v1/contracts/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(JAKARTA.replace(", \"approved\": false", "")).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.programs[4].events[0].approved").isEqualTo(false);
        client.get().uri("/api/v1/contracts/{id}", id).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.programs[4].events[0].approved").isEqualTo(false);
    }

    @Test
    void an_unknown_contract_is_404() {
        assertProblem(client.get().uri("/api/v1/contracts/nobody-{s}", suffix).exchange(), 404, "no contract");
    }

    @Test
    void an_unknown_time_zone_is_422_and_changes_nothing() {
        String id = "contoso-" + suffix;
        assertProblem(client.put().uri("/api/v1/contracts/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(JAKARTA.replace("Asia/Jakarta", "Asia/Atlantis")).exchange(), 422, "unknown time zone 'Asia/Atlantis'");
        client.get().uri("/api/v1/contracts/{id}", id).exchange().expectStatus().isNotFound();
    }

    @Test
    void an_unknown_country_is_422() {
        assertProblem(client.put().uri("/api/v1/contracts/c-{s}", suffix).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(JAKARTA.replace("\"ID\"", "\"XX\"")).exchange(), 422, "unknown country 'XX'");
    }

    @Test
    void a_null_among_the_programs_is_400_and_registers_nothing() {
        assertProblem(client.put().uri("/api/v1/contracts/c-{s}", suffix).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"customerName": "Contoso", "supportLocation": {"timeZone": "Asia/Jakarta", "country": "ID"},
                         "programs": [null]}""").exchange(), 400, "'programs[0]' must not be null");
        client.get().uri("/api/v1/contracts/c-{s}", suffix).exchange().expectStatus().isNotFound();
    }

    @Test
    void an_unknown_program_is_422() {
        assertProblem(client.put().uri("/api/v1/contracts/c-{s}", suffix).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(JAKARTA.replace("\"UER\"", "\"PREMIER\"")).exchange(), 422, "unknown program 'PREMIER'");
    }

    @Test
    void an_event_window_outside_3_to_20_days_is_422() {
        assertProblem(client.put().uri("/api/v1/contracts/c-{s}", suffix).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(JAKARTA.replace("\"2026-12-01\"", "\"2026-12-31\"")).exchange(), 422, "spans 35 days");
    }

    @Test
    void malformed_json_is_400() {
        assertProblem(client.put().uri("/api/v1/contracts/c-{s}", suffix).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"customerName\": ").exchange(), 400, "not valid JSON");
    }

    @Test
    void a_date_that_is_not_a_date_is_400() {
        assertProblem(client.put().uri("/api/v1/contracts/c-{s}", suffix).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(JAKARTA.replace("\"2026-12-24\"", "\"Christmas Eve\"")).exchange(), 400, "'supportLocation.extraHolidays[0]' must be a date such as 2026-12-24");
    }

    @Test
    void a_contract_without_support_location_is_400() {
        assertProblem(client.put().uri("/api/v1/contracts/c-{s}", suffix).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"customerName\": \"Contoso\"}").exchange(), 400, "supportLocation is required");
    }

    @Test
    void an_id_with_characters_no_id_may_have_is_400() {
        assertProblem(client.put().uri("/api/v1/contracts/{id}", "bad id!").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(JAKARTA).exchange(), 400, "contract id must be");
    }
}
