package dev.incidentsla.service.web;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

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

    // ---- several support locations ----

    private static final String HOST_AND_DOWNSTREAM = """
            {"customerName": "Contoso Asia",
             "supportLocations": [
               {"id": "singapore", "timeZone": "Asia/Singapore", "country": "SG"},
               {"id": "jakarta", "timeZone": "Asia/Jakarta", "country": "ID"}]}""";

    /** Fri 2026-11-20 17:00 in Jakarta, 18:00 in Singapore. */
    private static final String FRIDAY_EVENING = "2026-11-20T10:00:00Z";

    private WebTestClient.ResponseSpec openSevB(String contractId, String locationField) {
        return client.post().uri("/api/v1/incidents").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"contractId": "%s", "severity": "B", "product": "azure-virtual-machines", "channel": "WEB",
                 "submittedAt": "%s"%s}""".formatted(contractId, FRIDAY_EVENING, locationField)).exchange();
    }

    @Test
    void a_contract_with_several_locations_reads_back_with_its_primary_and_every_location() {
        String id = putContract("asia-" + suffix, HOST_AND_DOWNSTREAM);
        client.get().uri("/api/v1/contracts/{id}", id).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.supportLocation.id").isEqualTo("singapore")
                .jsonPath("$.supportLocation.timeZone").isEqualTo("Asia/Singapore")
                .jsonPath("$.supportLocations.length()").isEqualTo(2)
                .jsonPath("$.supportLocations[1].id").isEqualTo("jakarta")
                .jsonPath("$.supportLocations[1].timeZone").isEqualTo("Asia/Jakarta");
    }

    @Test
    void an_incident_naming_a_downstream_location_is_due_by_that_locations_calendar() {
        String id = putContract("asia-" + suffix, HOST_AND_DOWNSTREAM);
        String incident = openSevB(id, ", \"supportLocation\": \"jakarta\"").expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.supportLocation").isEqualTo("jakarta")
                .jsonPath("$.firstResponse.dueAt").isEqualTo("2026-11-23T03:30:00Z")
                .jsonPath("$.firstResponse.explanation").value(text -> assertThat((String) text)
                        .contains("Support location jakarta (ID, Asia/Jakarta)", "due Mon 2026-11-23 10:30 +07:00"))
                .returnResult().getResponseHeaders().getLocation().getPath();
        client.get().uri(incident).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.supportLocation").isEqualTo("jakarta")
                .jsonPath("$.firstResponse.dueAt").isEqualTo("2026-11-23T03:30:00Z");
    }

    @Test
    void an_incident_naming_no_location_is_due_by_the_primarys_calendar() {
        String id = putContract("asia-" + suffix, HOST_AND_DOWNSTREAM);
        openSevB(id, "").expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.supportLocation").isEqualTo("singapore")
                .jsonPath("$.firstResponse.dueAt").isEqualTo("2026-11-23T03:00:00Z");
    }

    @Test
    void a_retry_naming_another_location_is_a_conflict_and_one_naming_none_answers_the_incident() {
        String id = putContract("asia-" + suffix, HOST_AND_DOWNSTREAM);
        String incident = ", \"incidentId\": \"INC-LOC-" + suffix + "\"";
        openSevB(id, incident + ", \"supportLocation\": \"jakarta\"").expectStatus().isCreated();
        assertProblem(openSevB(id, incident + ", \"supportLocation\": \"singapore\""), 409, "different body");
        openSevB(id, incident).expectStatus().isOk().expectBody().jsonPath("$.supportLocation").isEqualTo("jakarta");
    }

    @Test
    void an_incident_naming_a_location_its_contract_lacks_is_422() {
        String id = putContract("asia-" + suffix, HOST_AND_DOWNSTREAM);
        assertProblem(openSevB(id, ", \"supportLocation\": \"manila\""), 422, "no support location 'manila'");
    }

    @Test
    void a_contract_with_one_location_calls_it_primary() {
        String id = putContract("contoso-" + suffix, JAKARTA);
        client.get().uri("/api/v1/contracts/{id}", id).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.supportLocation.id").isEqualTo("primary")
                .jsonPath("$.supportLocations.length()").isEqualTo(1)
                .jsonPath("$.supportLocations[0].id").isEqualTo("primary");
        openSevB(id, ", \"supportLocation\": \"primary\"").expectStatus().isCreated()
                .expectBody().jsonPath("$.supportLocation").isEqualTo("primary");
    }

    @Test
    void a_location_id_listed_twice_is_422_and_registers_nothing() {
        String id = "asia-" + suffix;
        assertProblem(client.put().uri("/api/v1/contracts/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(HOST_AND_DOWNSTREAM.replace("\"jakarta\"", "\"singapore\"")).exchange(), 422,
                "support location id 'singapore' is listed twice");
        client.get().uri("/api/v1/contracts/{id}", id).exchange().expectStatus().isNotFound();
    }

    @Test
    void a_primary_that_is_not_among_the_locations_is_422() {
        assertProblem(client.put().uri("/api/v1/contracts/asia-{s}", suffix).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(HOST_AND_DOWNSTREAM.replace("{\"customerName\": \"Contoso Asia\",", """
                        {"customerName": "Contoso Asia",
                         "supportLocation": {"id": "manila", "timeZone": "Asia/Manila", "country": "PH"},""")).exchange(),
                422, "must be one of supportLocations");
    }

    @Test
    void a_location_of_several_without_an_id_is_400() {
        assertProblem(client.put().uri("/api/v1/contracts/asia-{s}", suffix).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(HOST_AND_DOWNSTREAM.replace("\"id\": \"jakarta\", ", "")).exchange(), 400,
                "supportLocations[1].id is required");
    }
}
