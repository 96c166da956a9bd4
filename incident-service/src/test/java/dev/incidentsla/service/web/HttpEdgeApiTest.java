package dev.incidentsla.service.web;

import dev.incidentsla.edge.input.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The defects found from outside (issue 8), each through the real server: what the server refuses before a
 * controller runs comes back as a problem too, and the JSON binding takes each value in its one documented form.
 */
class HttpEdgeApiTest extends ApiTestSupport {

    private static final String OPEN = """
            {"contractId": "%s", "severity": "B", "product": "azure-virtual-machines", "channel": "WEB",
             "submittedAt": "2026-11-20T09:15:00Z", %s}""";

    private String openBody(String contractId, String fields) {
        return OPEN.formatted(contractId, fields);
    }

    private RawHttp.Response raw(String method, String target, Map<String, String> headers, byte[] body) {
        return RawHttp.send(port, method, target, headers, body);
    }

    private static void assertRawProblem(RawHttp.Response response, int status, String detailContains) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body()).contains("\"status\":" + status).contains(detailContains);
    }

    @Test
    void a_request_line_over_4_kb_is_a_414_problem() {
        assertRawProblem(raw("GET", "/api/v1/incidents/" + "x".repeat(5000), Map.of(), null), 414, "longer than 4096 bytes");
    }

    @Test
    void headers_over_8_kb_are_a_431_problem() {
        assertRawProblem(raw("GET", "/api/v1/products", Map.of("X-Padding", "y".repeat(9000)), null), 431,
                "larger than 8192 bytes");
    }

    @Test
    void a_bad_percent_escape_is_a_400_problem() {
        assertRawProblem(raw("GET", "/api/v1/incidents/a%zzb", Map.of(), null), 400, "not a valid URI");
    }

    @Test
    void path_parameters_are_refused_and_register_nothing() {
        assertRawProblem(raw("PUT", "/api/v1/contracts/pp-" + suffix + ";b=c", Map.of("Content-Type", "application/json"),
                "{\"customerName\":\"C\",\"supportLocation\":{\"timeZone\":\"UTC\",\"country\":\"ID\"}}"
                        .getBytes(StandardCharsets.UTF_8)), 400, "path parameters");
        client.get().uri("/api/v1/contracts/pp-{s}", suffix).exchange().expectStatus().isNotFound();
    }

    @Test
    void an_accept_the_service_cannot_answer_is_a_406_problem() {
        RawHttp.Response response = raw("GET", "/api/v1/products", Map.of("Accept", "text/csv"), null);
        assertRawProblem(response, 406, "the request's Accept allows none of them");
    }

    @Test
    void an_unsupported_content_type_is_a_415_problem() {
        assertProblem(client.post().uri("/api/v1/incidents").contentType(MediaType.TEXT_PLAIN).bodyValue("hello").exchange(),
                415, "is not accepted here");
    }

    @Test
    void an_unknown_path_and_an_unsupported_method_are_problems() {
        assertProblem(client.get().uri("/api/v1/nothing-here").exchange(), 404, "nothing is at /api/v1/nothing-here");
        assertProblem(client.delete().uri("/api/v1/products").exchange(), 405, "DELETE is not allowed");
    }

    @Test
    void a_body_of_the_wrong_shape_names_no_class() {
        assertProblem(post("/api/v1/incidents", "[]"), 400, "the body must be an object");
        String detail = post("/api/v1/incidents", "[]").expectBody(String.class).returnResult().getResponseBody();
        assertThat(detail).doesNotContain("dev.incidentsla", "OpenIncidentRequest", "JsonToken", "Mono", "Exception");
    }

    @Test
    void a_body_that_is_not_utf_8_is_refused() {
        byte[] overlong = openBody("c-" + suffix, "\"title\": \"a__b\"").getBytes(StandardCharsets.UTF_8);
        int slash = new String(overlong, StandardCharsets.ISO_8859_1).indexOf("a__b") + 1;
        overlong[slash] = (byte) 0xC0;
        overlong[slash + 1] = (byte) 0xAF;
        assertRawProblem(raw("POST", "/api/v1/incidents", Map.of("Content-Type", "application/json"), overlong), 400,
                "not well-formed UTF-8");
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "number as a string        | \"title\": 12                          | 'title' must be a string",
            "boolean as a string       | \"title\": true                        | 'title' must be a string",
            "1 as a boolean            | \"aroundTheClock\": 1                  | 'aroundTheClock' must be true or false",
            "'true' as a boolean       | \"aroundTheClock\": \"true\"           | 'aroundTheClock' must be true or false",
            "a NUL in text             | \"title\": \"a\\u0000\"                | 'title' must not contain control characters",
            "unknown field             | \"titel\": \"typo\"                    | unknown field 'titel'",
    })
    void values_in_another_form_than_documented_are_400(String name, String fields, String detail) {
        assertProblem(post("/api/v1/incidents", openBody("c-" + suffix, fields)), 400, detail);
    }

    @ParameterizedTest(name = "submittedAt {0}")
    @ValueSource(strings = {"\"\"", "\" \"", "1763630100", "\"-1000000000-01-01T00:00:00Z\"", "\"-0001-01-04T11:00:00Z\"",
            "\"+10000-01-01T00:00:00Z\"", "\"2026-11-20T09:15:00\"", "\"2026-11-20\"", "\"1969-12-31T23:59:59Z\""})
    void an_instant_is_iso_8601_with_a_zone_between_1970_and_9999(String value) {
        assertProblem(post("/api/v1/incidents", """
                {"contractId": "c-%s", "severity": "B", "product": "azure-virtual-machines", "channel": "WEB",
                 "submittedAt": %s}""".formatted(suffix, value)), 400, "'submittedAt' must");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"channel, 0", "channel, \"PHONE\\u0000\"", "channel, \"phone\"", "severity, \"c\"", "severity, 3",
            "severity, \" B\""})
    void enums_are_taken_by_their_exact_names_only(String field, String value) {
        String body = """
                {"contractId": "c-%s", "severity": "B", "product": "azure-virtual-machines", "channel": "WEB"}"""
                .formatted(suffix).replace("\"" + field + "\": \"" + (field.equals("channel") ? "WEB" : "B") + "\"",
                        "\"" + field + "\": " + value);
        assertProblem(post("/api/v1/incidents", body), 400, "'" + field + "' must be one of");
    }

    @Test
    void a_date_time_is_not_a_holiday_date() {
        assertProblem(client.put().uri("/api/v1/contracts/dt-{s}", suffix).contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"customerName": "C", "supportLocation": {"timeZone": "Asia/Jakarta", "country": "ID",
                 "extraHolidays": ["2026-12-24T00:00:00Z"]}}""").exchange(), 400, "must be a date such as 2026-12-24");
    }

    @Test
    void a_repeated_field_is_400() {
        assertProblem(post("/api/v1/incidents", """
                {"contractId": "c-%s", "contractId": "d", "severity": "B", "product": "azure-virtual-machines", "channel": "WEB"}"""
                .formatted(suffix)), 400, "Duplicate Object property \"contractId\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x10", "+1", " 1", "1e3", "010abc"})
    void numbers_in_parameters_are_decimal_digits_only(String after) {
        assertProblem(client.get().uri(builder -> builder.path("/api/v1/audit/events").queryParam("after", after).build())
                .exchange(), 400, "parameter 'after' must be a whole number in decimal digits");
    }

    @Test
    void an_empty_parameter_is_not_taken_for_an_absent_one_and_after_is_never_below_minus_one() {
        assertRawProblem(raw("GET", "/api/v1/audit/events?limit=", Map.of(), null), 400, "parameter 'limit' is empty");
        assertProblem(client.get().uri("/api/v1/audit/events?after=-5").exchange(), 400, "after must be -1");
    }

    @Test
    void an_instant_parameter_follows_the_body_rules() {
        assertProblem(client.get().uri("/api/v1/incidents/none-{s}/sla?asOf=1763630100", suffix).exchange(), 400,
                "parameter 'asOf' must be an instant with its zone");
    }
}
