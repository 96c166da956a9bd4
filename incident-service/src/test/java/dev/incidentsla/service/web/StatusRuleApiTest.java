package dev.incidentsla.service.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;

/**
 * One status rule (incident-service/ERRORS.md): a request missing a required field or carrying a value that cannot be
 * of its kind is malformed (400); a well-formed request that breaks a rule or names something unknown is 422.
 */
class StatusRuleApiTest extends ApiTestSupport {

    /** Every optional part present, so that each case takes one part away or spoils it. */
    private static final String CONTRACT = """
            {"customerName": "Contoso",
             "supportLocation": {"timeZone": "Asia/Jakarta", "country": "ID",
               "businessHours": {"opens": "09:00", "closes": "17:30",
                 "days": {"MONDAY": [{"opens": "08:00", "closes": "12:00"}, {"opens": "13:00", "closes": "17:00"}]}}},
             "programs": [{"program": "UER"},
               {"program": "AZURE_EVENT_MCS", "events": [{"eventId": "launch-2026", "start": "2026-11-27",
                 "end": "2026-12-01", "confirmedOn": "2026-10-01"}]}]}""";

    @ParameterizedTest(name = "{0}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            no customerName            | '"customerName": "Contoso",'   | ''                                | 400 | customerName is required
            blank customerName         | '"customerName": "Contoso"'    | '"customerName": " "'             | 400 | customerName is required
            no timeZone                | '"timeZone": "Asia/Jakarta",'  | ''                                | 400 | supportLocation.timeZone is required
            null timeZone              | '"timeZone": "Asia/Jakarta"'   | '"timeZone": null'                | 400 | supportLocation.timeZone is required
            no country                 | ', "country": "ID"'            | ''                                | 400 | supportLocation.country is required
            zone with a control char   | Asia/Jakarta                   | 'Asia/Jakarta\\u0007'             | 400 | supportLocation.timeZone
            zone with a space          | Asia/Jakarta                   | Asia/New York                     | 400 | is not a time zone id
            offset out of range        | Asia/Jakarta                   | +25:00                            | 400 | is not a time zone id
            unknown zone               | Asia/Jakarta                   | Asia/Atlantis                     | 422 | unknown time zone
            country not a code         | '"country": "ID"'              | '"country": "Indonesia"'          | 400 | is not an ISO 3166-1 alpha-2 code
            country in lower case      | '"country": "ID"'              | '"country": "id"'                 | 400 | is not an ISO 3166-1 alpha-2 code
            unknown country            | '"country": "ID"'              | '"country": "XX"'                 | 422 | unknown country
            opening time not a time    | '"opens": "09:00"'             | '"opens": "9am"'                  | 400 | businessHours.opens
            hours closing before open  | '"closes": "17:30"'            | '"closes": "08:30"'               | 422 | must open before it closes
            window without closing     | ', "closes": "12:00"'          | ''                                | 400 | businessHours.days.MONDAY[0].closes is required
            overlapping windows        | '"opens": "13:00"'             | '"opens": "11:00"'                | 422 | overlapping
            program without name       | '"program": "UER"'             | '"effectiveFrom": "2026-01-01"'   | 400 | programs[0].program is required
            unknown program            | '"program": "UER"'             | '"program": "PREMIER"'            | 422 | unknown program
            event without id           | '"eventId": "launch-2026", '   | ''                                | 400 | programs[1].events[0].eventId is required
            event without start        | '"start": "2026-11-27",'       | ''                                | 400 | programs[1].events[0].start is required
            event without end          | '"end": "2026-12-01",'         | ''                                | 400 | programs[1].events[0].end is required
            event window of 35 days    | '"end": "2026-12-01"'          | '"end": "2026-12-31"'             | 422 | spans 35 days
            """)
    void a_contract_missing_or_spoiling_a_part(String refusal, String part, String replacement, int status, String detail) {
        String body = CONTRACT.replace(part, replacement);
        assertProblem(client.put().uri("/api/v1/contracts/c-{s}", suffix).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange(), status, detail);
        client.get().uri("/api/v1/contracts/c-{s}", suffix).exchange().expectStatus().isNotFound();
    }

    @ParameterizedTest(name = "{0}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            no contractId      | '"contractId": "CONTRACT", '                       | ''                                      | 400 | contractId is required
            no severity        | '"severity": "B", '                                | ''                                      | 400 | severity is required
            no product         | '"product": "azure-virtual-machines", '            | ''                                      | 400 | product is required
            no channel         | ', "channel": "WEB"'                               | ''                                      | 400 | channel is required
            unknown severity   | '"severity": "B"'                                  | '"severity": "D"'                       | 400 | severity
            unknown product    | azure-virtual-machines                             | azure-mars                              | 422 | unknown product code
            unknown event      | '"channel": "WEB"'                                 | '"channel": "WEB", "eventId": "nope"'   | 422 | nope
            """)
    void an_open_missing_or_spoiling_a_part(String refusal, String part, String replacement, int status, String detail) {
        String contract = jakartaContract("{\"program\": \"UER\"}");
        String body = """
                {"incidentId": "INC-%s", "contractId": "CONTRACT", "severity": "B", "product": "azure-virtual-machines", "channel": "WEB"}"""
                .formatted(suffix).replace(part, replacement).replace("CONTRACT", contract);
        assertProblem(post("/api/v1/incidents", body), status, detail);
        client.get().uri("/api/v1/incidents/INC-{s}", suffix).exchange().expectStatus().isNotFound();
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            regrade without severity          | '{"reason": "more impact"}'                  | 400 | severity is required
            regrade dated before the history  | '{"severity": "A", "at": "2026-11-20T09:59:59Z"}' | 422 | precedes
            regrade dated in the future       | '{"severity": "A", "at": "2026-11-21T12:01:00Z"}' | 422 | in the future
            """)
    void a_regrade_missing_or_spoiling_a_part(String refusal, String body, int status, String detail) {
        String contract = jakartaContract("{\"program\": \"UER\"}");
        String incident = "INC-" + suffix;
        openIncident(incident, contract, "B", "2026-11-20T10:00:00Z").expectStatus().isCreated();
        assertProblem(post("/api/v1/incidents/{id}/regrade", body, incident), status, detail);
        client.get().uri("/api/v1/incidents/{id}/events", incident).exchange().expectBody().jsonPath("$.length()").isEqualTo(1);
    }
}
