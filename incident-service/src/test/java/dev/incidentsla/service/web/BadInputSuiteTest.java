package dev.incidentsla.service.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.incidentsla.edge.input.InputRules;
import dev.incidentsla.edge.input.ProblemShape;
import dev.incidentsla.edge.input.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.quicktheories.core.Gen;
import org.springframework.web.util.UriUtils;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

/**
 * Bad input on every endpoint of the incident service, generated: each field of each body replaced by values of the
 * wrong type or form, unknown and repeated fields, deep nesting, trailing garbage, bytes that are not UTF-8, other
 * content types, bodies over the limit, odd path ids and query parameters, plus random values (QuickTheories, fixed
 * seed: {@code -DbadInput.seed=...} for another run). Every answer must be a 4xx problem (a read may also succeed),
 * never a 5xx, and a refused request must change nothing: not the audit stream, not the contract, not the incident.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputSuiteTest extends ApiTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final long SEED = Long.getLong("badInput.seed", 20261206L);
    private static final int RANDOM_EXAMPLES = 30;
    private static final String PLACEHOLDER = "@@value@@";
    private static final String ABSENT = "<absent>";
    private static final Map<String, String> JSON_CONTENT = Map.of("Content-Type", "application/json");
    private static final Set<String> DEADLINE_FACTS = Set.of("FirstResponseAtRisk", "FirstResponseBreached");

    /** REFUSED: the request must be answered with a 4xx problem. READ: a read may also succeed, but never with a 5xx. */
    enum Expect { REFUSED, READ }

    record Case(String name, String method, String target, Map<String, String> headers, byte[] body, Expect expect, int status) {
    }

    /** A field of a body, where it sits ({@code programs[2].events[0].start}) and which bad values it gets. */
    record Field(String path, List<String> values) {
    }

    private String contractId;
    private String incidentId;
    private String newIncidentId;
    private String contractBody;
    private String openBody;
    private String regradeBody;
    private String firstResponseBody;
    private String closeBody;

    private String contractView;
    private String incidentView;
    private long auditMark;
    private final Set<String> ownAggregates = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> casesByGroup = new TreeMap<>();
    private final Map<Integer, AtomicInteger> answersByStatus = new TreeMap<>();
    private long startedAt;

    // ---------------------------------------------------------------- the values

    private static final List<String> WRONG_TYPES_FOR_TEXT = List.of("12", "0", "-1.5e300", "1e999999", "true", "false", "{}",
            "{\"value\": \"x\"}", "[]", "[\"x\"]", "NaN", "undefined", "'x'");
    private static final List<String> CONTROL_CHARACTERS = List.of("\"\\u0000\"", "\"a\\u0000\"", "\"\\u0000a\"",
            "\"a\\u001b[2J\"", "\"a\\u007f\"", "\"a\\u0085\"", "\"a\\bb\"");
    private static final List<String> EMPTY_AND_BLANK = List.of("\"\"", "\" \"", "\"\\t\"", "\"\\n\"", "\"\\u00a0\"");
    private static final List<String> REQUIRED = List.of("null", ABSENT);
    private static final List<String> BAD_IDS = List.of("\" x\"", "\"x \"", "\"a b\"", "\"a/b\"", "\"..\"", "\".\"", "\"-a\"",
            "\"\\u00e9t\\u00e9\"", "\"\\u2603\"", "\"a;b\"", "\"a%00\"", "\"a\\u00a0b\"", "\"x\\ud83d\\ude00\"",
            "\"" + "x".repeat(101) + "\"", "\"" + "y".repeat(60_000) + "\"");
    private static final List<String> SEVERITIES = List.of("\"b\"", "\" B\"", "\"B \"", "\"SEV_1\"", "\"SEV 1\"", "\"Sev B\"", "\"4\"",
            "\"1.0\"", "\"01\"", "\"A\\u0000\"", "\"\\uff22\"", "1", "1.0", "\"\"", "\" \"");
    private static final List<String> CHANNELS = List.of("\"phone\"", "\"Phone\"", "\"PHONE \"", "\" WEB\"", "\"CLOUD-PORTAL\"",
            "\"CLOUD PORTAL\"", "\"0\"", "\"2\"", "\"WEB\\u0000\"", "0", "1", "\"\"", "\" \"");
    private static final List<String> BOOLEANS = List.of("1", "0", "\"true\"", "\"false\"", "\"TRUE\"", "\"yes\"", "\"\"", "\"1\"",
            "{}", "[]", "[true]", "True", "FALSE");
    private static final List<String> INSTANTS = List.of("\"\"", "\" \"", "1763630100", "1763630100000", "1.7636301E9",
            "\"1763630100\"", "\"2026-11-20T09:15:00\"", "\"2026-11-20T09:15\"", "\"2026-11-20\"", "\"-0001-01-04T11:00:00Z\"",
            "\"+10000-01-01T00:00:00Z\"", "\"+2026-11-20T09:15:00Z\"", "\"2026-02-30T00:00:00Z\"", "\"2026-11-20T24:00:00Z\"",
            "\"2026-11-20T09:60:00Z\"", "\"2026-11-20T09:15:00+25:00\"", "\"2026-11-20T09:15:00+01\"", "\"2026-11-20 09:15:00Z\"",
            "\"2026-11-20t09:15:00z\"", "\"2026-11-20T09:15:00.1234567891Z\"", "\"1969-12-31T23:59:59Z\"",
            "\"2026-11-20T09:15:00Z\\u0000\"", "\"2026-11-20T09:15:00Z[UTC]\"", "\"Fri, 20 Nov 2026 09:15:00 GMT\"", "\"now\"",
            "\"2026-W47-5T09:15:00Z\"", "\"\\uff12\\uff10\\uff12\\uff16-11-20T09:15:00Z\"", "\"2999-01-01T00:00:00Z\"",
            "\"9999-12-31T23:59:59Z\"", "true", "{}", "[]", "[\"2026-11-20T09:15:00Z\"]", "{\"epochSecond\": 1763630100}");
    private static final List<String> DATES = List.of("\"\"", "\" \"", "\"2026-02-30\"", "\"2026-12-24T00:00:00Z\"", "\"24.12.2026\"",
            "\"2026-12-24 \"", "\"+10000-01-01\"", "\"-0001-01-01\"", "\"1969-12-31\"", "\"10000-01-01\"", "20261224",
            "\"2026-1-1\"", "\"2026-13-01\"", "\"2026-12-24\\u0000\"", "true", "{}", "[]", "[\"2026-12-24\"]", "[2026, 12, 24]");
    private static final List<String> TIMES = List.of("\"9am\"", "\"25:00\"", "\"09:60\"", "\"9:00\"", "\"\"", "\" \"", "900",
            "\"09:00Z\"", "\"24:01\"", "\"-01:00\"", "\"09:00\\u0000\"", "\"\\uff10\\uff19:\\uff10\\uff10\"", "true", "{}", "[]",
            "[9, 0]");
    private static final List<String> ZONES = List.of("\"\"", "\" \"", "\"Asia/Jakarta\\u0000\"", "\"+25:00\"", "\"Asia Jakarta\"",
            "\"Asia/Atlantis\"", "\"../../etc/passwd\"", "\"UTC\\u001b\"", "\"asia/jakarta\"", "7", "{}", "[]",
            "\"" + "A".repeat(60_000) + "\"");
    private static final List<String> COUNTRIES = List.of("\"Indonesia\"", "\"id\"", "\"XX\"", "\"I D\"", "\"\"", "\" \"",
            "\"ID\\u0000\"", "\"ID \"", "\"I\"", "\"IDN\"", "62", "{}", "[]", "\"\\uff29\\uff24\"");
    private static final List<String> WEEKDAYS = List.of("\"SATURDAY\"", "[\"saturday\"]", "[\"SAT\"]", "[6]", "[null]",
            "[[\"SATURDAY\"]]", "[{}]", "[\"SATURDAY\\u0000\"]", "[\" SUNDAY\"]", "{}", "1", "true", "\"\"");
    private static final List<String> DATE_LISTS = List.of("\"2026-12-24\"", "[null]", "[\"2026-02-30\"]", "[20261224]",
            "[[\"2026-12-24\"]]", "[\"\"]", "{}", "true", "1", "[\"2026-12-24T00:00:00Z\"]");
    private static final List<String> OBJECTS = List.of("\"x\"", "1", "true", "[]", "[{}]", "\"\"");
    private static final List<String> PROGRAM_LISTS = List.of("\"UNIFIED\"", "{}", "[null]", "[\"UNIFIED\"]", "[1]", "[[]]", "1",
            "true");
    private static final List<String> PROGRAM_NAMES = List.of("\"\"", "\" \"", "\"unified\"", "\"UNIFIED \"", "\"NOPE\"",
            "\"UNIFIED\\u0000\"", "1", "{}", "[]", "true");
    private static final List<String> EVENT_LISTS = List.of("{}", "[null]", "\"x\"", "1", "[1]", "[[]]");

    @SafeVarargs
    private static List<String> all(List<String>... lists) {
        return Stream.of(lists).flatMap(List::stream).toList();
    }

    // ---------------------------------------------------------------- the baseline

    @BeforeAll
    void createTheBaseline() {
        startedAt = System.nanoTime();
        String run = UUID.randomUUID().toString().substring(0, 8);
        contractId = "bad-input-" + run;
        incidentId = "BI-" + run;
        newIncidentId = "BI-NEW-" + run;
        ownAggregates.addAll(List.of("contract:" + contractId, "incident:" + incidentId, "incident:" + newIncidentId));
        contractBody = """
                {"customerName": "Bad Input Ltd",
                 "supportLocation": {"timeZone": "Asia/Jakarta", "country": "ID", "subdivision": null,
                   "weekendDays": ["SATURDAY", "SUNDAY"], "businessHours": {"opens": "09:00", "closes": "17:30"},
                   "extraHolidays": ["2026-12-24"], "removedHolidays": [], "extraWorkingDays": []},
                 "programs": [{"program": "UNIFIED"}, {"program": "AZURE_PLATFORM_MCS", "effectiveFrom": "2026-01-01"},
                   {"program": "AZURE_EVENT_MCS", "events": [{"eventId": "launch-2026", "start": "2026-11-27", "end": "2026-12-01",
                     "confirmedOn": "2026-10-01", "approved": false}]}]}""";
        RawHttp.Response put = send("PUT", "/api/v1/contracts/" + contractId, JSON_CONTENT, utf8(contractBody));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        openBody = """
                {"incidentId": "%s", "contractId": "%s", "severity": "C", "product": "azure-virtual-machines",
                 "channel": "WEB", "aroundTheClock": false, "submittedAt": "2026-11-21T11:00:00Z", "eventId": null,
                 "title": "baseline"}""";
        RawHttp.Response open = send("POST", "/api/v1/incidents", JSON_CONTENT, utf8(openBody.formatted(incidentId, contractId)));
        assertThat(open.status()).as(open.body()).isEqualTo(201);
        openBody = openBody.formatted(newIncidentId, contractId);
        regradeBody = """
                {"severity": "B", "aroundTheClock": false, "reason": "business impact increased", "at": "2026-11-21T11:30:00Z"}""";
        firstResponseBody = """
                {"respondedAt": "2026-11-21T11:40:00Z", "channel": "PHONE", "engineer": "erin"}""";
        closeBody = """
                {"closedAt": "2026-11-21T11:50:00Z", "resolution": "fixed"}""";
        rememberTheBaseline();
    }

    private void rememberTheBaseline() {
        contractView = get("/api/v1/contracts/" + contractId, "application/json").body();
        incidentView = get("/api/v1/incidents/" + incidentId, "application/json").body();
        List<JsonNode> audit = auditAfter(-1);
        auditMark = audit.isEmpty() ? -1 : audit.get(audit.size() - 1).path("globalSequence").asLong();
    }

    @AfterAll
    void summarize() {
        int total = casesByGroup.values().stream().mapToInt(AtomicInteger::get).sum();
        System.out.printf("bad-input suite (incident-service): %d cases in %.1f s, by group %s, answers by status %s%n", total,
                (System.nanoTime() - startedAt) / 1e9, casesByGroup, answersByStatus);
    }

    // ---------------------------------------------------------------- the suites, one per endpoint

    @TestFactory
    Stream<DynamicTest> put_contract() {
        String target = "/api/v1/contracts/" + contractId;
        List<Field> fields = List.of(
                new Field("customerName", all(WRONG_TYPES_FOR_TEXT, CONTROL_CHARACTERS, EMPTY_AND_BLANK, REQUIRED)),
                new Field("supportLocation", all(OBJECTS, REQUIRED)),
                new Field("supportLocation.timeZone", all(ZONES, WRONG_TYPES_FOR_TEXT, REQUIRED)),
                new Field("supportLocation.country", all(COUNTRIES, REQUIRED)),
                new Field("supportLocation.subdivision", all(WRONG_TYPES_FOR_TEXT, CONTROL_CHARACTERS)),
                new Field("supportLocation.weekendDays", WEEKDAYS),
                new Field("supportLocation.businessHours", OBJECTS),
                new Field("supportLocation.businessHours.opens", TIMES),
                new Field("supportLocation.businessHours.closes", TIMES),
                new Field("supportLocation.extraHolidays", DATE_LISTS),
                new Field("supportLocation.extraHolidays[0]", all(DATES, List.of("null"))),
                new Field("supportLocation.removedHolidays", DATE_LISTS),
                new Field("supportLocation.extraWorkingDays", DATE_LISTS),
                new Field("programs", PROGRAM_LISTS),
                new Field("programs[0]", all(OBJECTS, List.of("null"))),
                new Field("programs[0].program", all(PROGRAM_NAMES, REQUIRED)),
                new Field("programs[1].effectiveFrom", DATES),
                new Field("programs[2].events", EVENT_LISTS),
                new Field("programs[2].events[0].eventId", all(WRONG_TYPES_FOR_TEXT, CONTROL_CHARACTERS, EMPTY_AND_BLANK, REQUIRED)),
                new Field("programs[2].events[0].start", all(DATES, REQUIRED)),
                new Field("programs[2].events[0].end", all(DATES, REQUIRED)),
                new Field("programs[2].events[0].confirmedOn", DATES),
                new Field("programs[2].events[0].approved", BOOLEANS));
        List<Case> cases = new ArrayList<>();
        cases.addAll(fieldCases("PUT", target, contractBody, fields));
        cases.addAll(objectCases("PUT", target, contractBody,
                List.of("", "supportLocation", "supportLocation.businessHours", "programs[0]", "programs[2].events[0]")));
        cases.addAll(wholeBodyCases("PUT", target, contractBody, "customerName", true));
        cases.addAll(pathIdCases("PUT", "/api/v1/contracts/", "", contractBody));
        cases.addAll(methodCases(target, "POST", "DELETE", "PATCH"));
        cases.add(new Case("Accept: application/xml", "PUT", target, Map.of("Content-Type", "application/json",
                "Accept", "application/xml"), utf8(contractBody.replace("Bad Input Ltd", "Accepted Anyway")), Expect.REFUSED, 406));
        cases.addAll(randomCases("PUT", target, contractBody, "supportLocation.timeZone", randomTimeZones()));
        return run("PUT contract", cases);
    }

    @TestFactory
    Stream<DynamicTest> open_incident() {
        String target = "/api/v1/incidents";
        List<Field> fields = List.of(
                new Field("incidentId", all(WRONG_TYPES_FOR_TEXT, CONTROL_CHARACTERS, EMPTY_AND_BLANK, BAD_IDS)),
                new Field("contractId", all(WRONG_TYPES_FOR_TEXT, CONTROL_CHARACTERS, EMPTY_AND_BLANK, BAD_IDS, REQUIRED,
                        List.of("\"" + contractId.toUpperCase() + "\"", "\"no-such-contract\""))),
                new Field("severity", all(SEVERITIES, WRONG_TYPES_FOR_TEXT, REQUIRED)),
                new Field("product", all(WRONG_TYPES_FOR_TEXT, CONTROL_CHARACTERS, EMPTY_AND_BLANK, REQUIRED,
                        List.of("\"AZURE-VIRTUAL-MACHINES\"", "\"azure-virtual-machines \"", "\"no-such-product\""))),
                new Field("channel", all(CHANNELS, WRONG_TYPES_FOR_TEXT, REQUIRED)),
                new Field("aroundTheClock", BOOLEANS),
                new Field("submittedAt", all(INSTANTS, WRONG_TYPES_FOR_TEXT)),
                new Field("eventId", all(WRONG_TYPES_FOR_TEXT, CONTROL_CHARACTERS, List.of("\"no-such-event\""))),
                new Field("supportLocation", all(WRONG_TYPES_FOR_TEXT, CONTROL_CHARACTERS,
                        List.of("\"no-such-location\"", "\"PRIMARY\""))),
                new Field("title", all(WRONG_TYPES_FOR_TEXT, CONTROL_CHARACTERS)));
        List<Case> cases = new ArrayList<>();
        cases.addAll(fieldCases("POST", target, openBody, fields));
        cases.addAll(objectCases("POST", target, openBody, List.of("")));
        cases.addAll(wholeBodyCases("POST", target, openBody, "title", true));
        cases.addAll(methodCases(target, "PUT", "DELETE", "PATCH"));
        cases.add(new Case("Accept: text/csv", "POST", target, Map.of("Content-Type", "application/json", "Accept", "text/csv"),
                utf8(openBody), Expect.REFUSED, 406));
        cases.addAll(headerCases("POST", target, openBody));
        cases.addAll(randomCases("POST", target, openBody, "severity", randomEnumValues(Set.of("1", "A", "B", "C"))));
        cases.addAll(randomCases("POST", target, openBody, "channel", randomEnumValues(Set.of("PHONE", "WEB", "CLOUD_PORTAL"))));
        cases.addAll(randomCases("POST", target, openBody, "submittedAt", randomInstants()));
        return run("POST incident", cases);
    }

    @TestFactory
    Stream<DynamicTest> regrade() {
        String target = "/api/v1/incidents/" + incidentId + "/regrade";
        List<Field> fields = List.of(
                new Field("severity", all(SEVERITIES, WRONG_TYPES_FOR_TEXT, REQUIRED)),
                new Field("aroundTheClock", BOOLEANS),
                new Field("reason", all(WRONG_TYPES_FOR_TEXT, CONTROL_CHARACTERS)),
                new Field("at", all(INSTANTS, WRONG_TYPES_FOR_TEXT, List.of("\"1970-01-01T00:00:00Z\"", "\"2026-11-21T10:59:59Z\""))));
        return run("POST regrade", commandCases(target, regradeBody, fields, "reason", true,
                randomCases("POST", target, regradeBody, "at", randomInstants())));
    }

    @TestFactory
    Stream<DynamicTest> first_response() {
        String target = "/api/v1/incidents/" + incidentId + "/first-response";
        List<Field> fields = List.of(
                new Field("respondedAt", all(INSTANTS, WRONG_TYPES_FOR_TEXT, List.of("\"1970-01-01T00:00:00Z\""))),
                new Field("channel", all(CHANNELS, WRONG_TYPES_FOR_TEXT)),
                new Field("engineer", all(WRONG_TYPES_FOR_TEXT, CONTROL_CHARACTERS)));
        return run("POST first-response", commandCases(target, firstResponseBody, fields, "engineer", false,
                randomCases("POST", target, firstResponseBody, "channel", randomEnumValues(Set.of("PHONE", "WEB", "CLOUD_PORTAL")))));
    }

    @TestFactory
    Stream<DynamicTest> close() {
        String target = "/api/v1/incidents/" + incidentId + "/close";
        List<Field> fields = List.of(
                new Field("closedAt", all(INSTANTS, WRONG_TYPES_FOR_TEXT, List.of("\"1970-01-01T00:00:00Z\""))),
                new Field("resolution", all(WRONG_TYPES_FOR_TEXT, CONTROL_CHARACTERS)));
        return run("POST close", commandCases(target, closeBody, fields, "resolution", false,
                randomCases("POST", target, closeBody, "closedAt", randomInstants())));
    }

    @TestFactory
    Stream<DynamicTest> reads() {
        List<Case> cases = new ArrayList<>();
        cases.addAll(pathIdCases("GET", "/api/v1/contracts/", "", null, true));
        cases.addAll(pathIdCases("GET", "/api/v1/incidents/", "", null));
        cases.addAll(pathIdCases("GET", "/api/v1/incidents/", "/events", null, true));
        cases.addAll(pathIdCases("GET", "/api/v1/incidents/", "/sla", null, true));
        cases.addAll(methodCases("/api/v1/contracts/" + contractId, "POST", "DELETE", "PATCH"));
        cases.addAll(methodCases("/api/v1/incidents/" + incidentId, "POST", "PUT", "DELETE", "PATCH"));
        cases.addAll(methodCases("/api/v1/incidents/" + incidentId + "/events", "POST", "DELETE"));
        cases.addAll(methodCases("/api/v1/incidents/" + incidentId + "/sla", "POST", "DELETE"));
        cases.addAll(methodCases("/api/v1/products", "POST", "PUT", "DELETE", "PATCH"));
        cases.addAll(methodCases("/api/v1/audit/events", "POST", "DELETE"));
        cases.add(new Case("products Accept: text/csv", "GET", "/api/v1/products", Map.of("Accept", "text/csv"), null, Expect.REFUSED, 406));
        cases.add(new Case("incident Accept: application/xml", "GET", "/api/v1/incidents/" + incidentId,
                Map.of("Accept", "application/xml"), null, Expect.REFUSED, 406));
        cases.add(new Case("audit Accept: text/csv", "GET", "/api/v1/audit/events", Map.of("Accept", "text/csv"), null,
                Expect.REFUSED, 406));

        String sla = "/api/v1/incidents/" + incidentId + "/sla?asOf=";
        for (String instant : List.of("1763630100", "0x10", "", " ", "2026-11-20T09:15:00", "2026-11-20", "-0001-01-04T11:00:00Z",
                "+10000-01-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-20T09:15:00+25:00", "2026-11-20T09:15:00Z\u0000",
                "1969-12-31T23:59:59Z", "2026-11-20T09:15:00.1234567891Z", "2026-11-21T10:00:00Z", "now", "x".repeat(3000))) {
            cases.add(new Case("asOf=" + ProblemShape.printable(instant), "GET", sla + query(instant), Map.of(), null,
                    instant.isEmpty() ? Expect.READ : Expect.REFUSED, 0));
        }
        cases.add(new Case("asOf repeated", "GET", sla + query("2026-11-21T11:30:00Z") + "&asOf=" + query("2026-11-21T11:40:00Z"),
                Map.of(), null, Expect.REFUSED, 0));
        cases.add(new Case("asOf twice in one (comma)", "GET", sla + query("2026-11-21T11:30:00Z,2026-11-21T11:40:00Z"),
                Map.of(), null, Expect.REFUSED, 0));

        for (String number : List.of("0x10", "+1", " 1", "1e3", "1.0", "99999999999999999999", "-99999999999999999999", "abc",
                "1\u0000", "\u0661", "0\u0660", "NaN", "Infinity", "1_000", "0b1", "\uff11")) {
            cases.add(new Case("after=" + ProblemShape.printable(number), "GET", "/api/v1/audit/events?after=" + query(number), Map.of(), null,
                    Expect.REFUSED, 400));
        }
        for (String limit : List.of("0", "-1", "10001", "2147483648", "-2147483649", "99999999999999999999", "0x10", "1.5",
                "1e3", "NaN", " 5", "\u0661\u0660", "5\u0000")) {
            cases.add(new Case("limit=" + ProblemShape.printable(limit), "GET", "/api/v1/audit/events?limit=" + query(limit), Map.of(), null,
                    Expect.REFUSED, 400));
        }
        cases.add(new Case("limit repeated", "GET", "/api/v1/audit/events?limit=1&limit=2", Map.of(), null, Expect.REFUSED, 400));
        cases.add(new Case("after repeated", "GET", "/api/v1/audit/events?after=1&after=2", Map.of(), null, Expect.REFUSED, 400));
        cases.add(new Case("after empty", "GET", "/api/v1/audit/events?after=", Map.of(), null, Expect.READ, 0));
        cases.add(new Case("query with a bad escape", "GET", "/api/v1/audit/events?limit=%zz", Map.of(), null, Expect.REFUSED, 400));
        cases.add(new Case("query with an encoded NUL name", "GET", "/api/v1/audit/events?%00=1", Map.of(), null, Expect.READ, 0));
        cases.add(new Case("query over 4 KB", "GET", "/api/v1/audit/events?after=" + "1".repeat(5000), Map.of(), null,
                Expect.REFUSED, 414));
        cases.addAll(listingCases());

        Gen<String> randomNumbers = strings().allPossible().ofLengthBetween(0, 24);
        for (String number : generated(randomNumbers, Predicate.not(text -> text.matches("-?\\d{1,9}")))) {
            cases.add(new Case("random limit=" + ProblemShape.printable(number), "GET", "/api/v1/audit/events?limit=" + query(number), Map.of(),
                    null, Expect.READ, 0));
        }
        for (String instant : randomInstants()) {
            String text = instant.substring(1, instant.length() - 1);
            cases.add(new Case("random asOf=" + ProblemShape.printable(text), "GET", sla + query(text), Map.of(), null, Expect.READ, 0));
        }
        for (String id : generated(strings().allPossible().ofLengthBetween(1, 40), text -> true)) {
            cases.add(new Case("random incident id " + ProblemShape.printable(id), "GET", "/api/v1/incidents/" + UriUtils.encodePathSegment(id,
                    StandardCharsets.UTF_8), Map.of(), null, Expect.READ, 0));
        }
        return run("reads", cases);
    }

    /** The listing of incidents (API.md, December additions), once the service has it. */
    private List<Case> listingCases() {
        RawHttp.Response listing = send("GET", "/api/v1/incidents?limit=1", Map.of(), null);
        if (listing.status() == 404 || listing.status() == 405) {
            return List.of();
        }
        List<Case> cases = new ArrayList<>();
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put("contractId", List.of("\u0000", "a\u0000", "x".repeat(101), "a b", ".."));
        parameters.put("status", List.of("open", "OPEN ", "NOPE", "0", "\u0000"));
        parameters.put("severity", List.of("b", "4", "SEV_1", " B", "\u0000"));
        parameters.put("firstResponseStatus", List.of("pending", "NOPE", "1", "\u0000"));
        parameters.put("submittedFrom", List.of("1763630100", "2026-11-20", "2026-02-30T00:00:00Z", "+10000-01-01T00:00:00Z", "x"));
        parameters.put("submittedTo", List.of("1763630100", "2026-11-20T09:15:00", "-0001-01-04T11:00:00Z", "x"));
        parameters.put("limit", List.of("0", "-1", "501", "0x10", "1.5", "99999999999999999999", "\u0661"));
        parameters.put("after", List.of("\u0000", "not-a-cursor", "%", "x".repeat(3000)));
        parameters.forEach((name, values) -> {
            for (String value : values) {
                cases.add(new Case("list " + name + "=" + ProblemShape.printable(value), "GET", "/api/v1/incidents?" + name + "=" + query(value),
                        Map.of(), null, Expect.REFUSED, 0));
            }
            cases.add(new Case("list " + name + " repeated", "GET", "/api/v1/incidents?" + name + "=" + query(values.get(0)) + "&"
                    + name + "=" + query(values.get(values.size() - 1)), Map.of(), null, Expect.REFUSED, 0));
        });
        return cases;
    }

    // ---------------------------------------------------------------- case generation

    private List<Case> commandCases(String target, String body, List<Field> fields, String textField, boolean hasRequiredField,
                                    List<Case> random) {
        List<Case> cases = new ArrayList<>();
        cases.addAll(fieldCases("POST", target, body, fields));
        cases.addAll(objectCases("POST", target, body, List.of("")));
        cases.addAll(wholeBodyCases("POST", target, body, textField, hasRequiredField));
        String action = target.substring(target.lastIndexOf('/'));
        cases.addAll(pathIdCases("POST", "/api/v1/incidents/", action, body, !action.equals("/regrade")));
        cases.add(new Case("unknown incident", "POST", "/api/v1/incidents/no-such-incident" + action, JSON_CONTENT, utf8(body),
                Expect.REFUSED, 404));
        cases.addAll(methodCases(target, "GET", "PUT", "DELETE", "PATCH"));
        cases.add(new Case("Accept: text/plain", "POST", target, Map.of("Content-Type", "application/json", "Accept", "text/plain"),
                utf8(body), Expect.REFUSED, 406));
        cases.addAll(headerCases("POST", target, body));
        cases.addAll(random);
        return cases;
    }

    /** Each field replaced by each of its bad values ({@link #ABSENT}: left out), and each field repeated. */
    private List<Case> fieldCases(String method, String target, String body, List<Field> fields) {
        List<Case> cases = new ArrayList<>();
        for (Field field : fields) {
            for (String value : field.values()) {
                String mutated = value.equals(ABSENT) ? without(body, field.path()) : with(body, field.path(), value);
                int status = mutated.getBytes(StandardCharsets.UTF_8).length > 64 * 1024 ? 413 : 0;
                cases.add(new Case(field.path() + " = " + ProblemShape.printable(value), method, target, JSON_CONTENT, utf8(mutated),
                        Expect.REFUSED, status));
            }
            String name = field.path().substring(field.path().lastIndexOf('.') + 1);
            if (!name.endsWith("]")) {
                String original = JSON.valueToTree(node(body, field.path())).toString();
                cases.add(new Case(field.path() + " repeated", method, target, JSON_CONTENT,
                        utf8(with(body, field.path(), original + ", \"" + name + "\": " + original)), Expect.REFUSED, 400));
            }
        }
        return cases;
    }

    /** Unknown fields, a field name in another case and a type hint, in each object of the body. */
    private List<Case> objectCases(String method, String target, String body, List<String> objectPaths) {
        List<Case> cases = new ArrayList<>();
        for (String path : objectPaths) {
            String where = path.isEmpty() ? "the body" : path;
            for (String extra : List.of("\"unknownField\": \"x\"", "\"@class\": \"java.lang.Runtime\"", "\"\": 1",
                    "\"\\u0000\": 1", "\"__proto__\": {}")) {
                cases.add(new Case("unknown field in " + where + ": " + ProblemShape.printable(extra), method, target, JSON_CONTENT,
                        utf8(withExtraField(body, path, extra)), Expect.REFUSED, 400));
            }
            JsonNode root = tree(body);
            JsonNode container = path.isEmpty() ? root : locate(root, path);
            String first = container.fieldNames().next();
            String renamed = Character.isUpperCase(first.charAt(0)) ? first.toLowerCase() : Character.toUpperCase(first.charAt(0))
                    + first.substring(1);
            ObjectNode changed = (ObjectNode) container;
            JsonNode value = changed.remove(first);
            changed.set(renamed, value);
            cases.add(new Case("field '" + first + "' spelt '" + renamed + "' in " + where, method, target, JSON_CONTENT,
                    utf8(root.toString()), Expect.REFUSED, 400));
            if (path.isEmpty()) {
                cases.add(new Case("the body wrapped in an object", method, target, JSON_CONTENT,
                        utf8("{\"request\": " + body + "}"), Expect.REFUSED, 400));
            }
        }
        return cases;
    }

    /** The body as a whole: other JSON, broken JSON, deep nesting, bytes that are not UTF-8, other types, too large. */
    private List<Case> wholeBodyCases(String method, String target, String body, String textField, boolean hasRequiredField) {
        List<Case> cases = new ArrayList<>();
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("an array", "[]");
        bodies.put("the body in an array", "[" + body + "]");
        bodies.put("a number", "1");
        bodies.put("a string", "\"x\"");
        bodies.put("the body as a string", JSON.valueToTree(body).toString());
        bodies.put("true", "true");
        bodies.put("null", "null");
        if (hasRequiredField) {
            bodies.put("an empty object", "{}");
        }
        bodies.put("whitespace", "   \n ");
        bodies.put("trailing garbage", body + "x");
        bodies.put("trailing brace", body + "}");
        bodies.put("a second document", body + " " + body);
        bodies.put("a trailing object", body + "{}");
        bodies.put("trailing NUL", body + "\u0000");
        bodies.put("truncated", body.substring(0, body.length() / 2));
        bodies.put("a trailing comma", body.substring(0, body.lastIndexOf('}')) + ",}");
        bodies.put("single quotes", body.replace('"', '\''));
        bodies.put("a comment", "/* c */" + body);
        bodies.put("a line comment", "// c\n" + body);
        bodies.put("unquoted names", body.replaceAll("\"(\\w+)\":", "$1:"));
        bodies.put("10,000 nested arrays", "[".repeat(10_000) + "]".repeat(10_000));
        bodies.put("10,000 nested objects", "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000));
        bodies.put("60,000 unclosed arrays", "[".repeat(60_000));
        bodies.put("10,000 nested arrays in a field", with(body, textField, "[".repeat(10_000) + "]".repeat(10_000)));
        bodies.put("5,000 nested objects in a field", with(body, textField, "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000)));
        bodies.put("a number of 20,000 digits in a field", with(body, textField, "1".repeat(20_000)));
        bodies.put("a key of 60,000 characters", withExtraField(body, "", "\"" + "k".repeat(60_000) + "\": 1"));
        bodies.forEach((name, text) -> cases.add(new Case(name, method, target, JSON_CONTENT, utf8(text), Expect.REFUSED, 0)));

        cases.add(new Case("no body", method, target, JSON_CONTENT, null, Expect.REFUSED, 400));
        cases.add(new Case("an empty body", method, target, JSON_CONTENT, new byte[0], Expect.REFUSED, 400));
        Map<String, String> invalidUtf8 = new LinkedHashMap<>();
        invalidUtf8.put("overlong '/'", "C0AF");
        invalidUtf8.put("0xFF", "FF");
        invalidUtf8.put("a lone continuation byte", "80");
        invalidUtf8.put("a truncated sequence", "E282");
        invalidUtf8.put("an encoded surrogate", "EDA080");
        invalidUtf8.put("a 5-byte form", "F888808080");
        invalidUtf8.put("beyond U+10FFFF", "F4908080");
        invalidUtf8.put("Latin-1 e-acute", "E9");
        invalidUtf8.forEach((name, hex) -> cases.add(new Case("not UTF-8: " + name + " in '" + textField + "'", method, target,
                JSON_CONTENT, bytesWith(with(body, textField, "\"a" + PLACEHOLDER + "b\""), HexFormat.of().parseHex(hex)),
                Expect.REFUSED, 400)));
        cases.add(new Case("not UTF-8: a raw byte outside strings", method, target, JSON_CONTENT,
                bytesWith(PLACEHOLDER + body, HexFormat.of().parseHex("FF")), Expect.REFUSED, 400));
        cases.add(new Case("the body in UTF-16", method, target, JSON_CONTENT, body.getBytes(StandardCharsets.UTF_16LE),
                Expect.REFUSED, 400));
        cases.add(new Case("the body in UTF-16 with a BOM", method, target, JSON_CONTENT, body.getBytes(StandardCharsets.UTF_16),
                Expect.REFUSED, 400));
        cases.add(new Case("the body in UTF-32", method, target, JSON_CONTENT, body.getBytes(java.nio.charset.Charset.forName("UTF-32")),
                Expect.REFUSED, 400));

        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/octet-stream", "application/json;charset=UTF-16", "application/json; charset=nonsense", "json",
                "application/", "*/*", "application/json\u0000")) {
            cases.add(new Case("Content-Type " + ProblemShape.printable(type), method, target, Map.of("Content-Type", type), utf8(body),
                    Expect.REFUSED, 0));
        }
        cases.add(new Case("no Content-Type", method, target, Map.of(), utf8(body), Expect.REFUSED, 415));

        cases.add(new Case("a 100,000-character string (over 64 KB)", method, target, JSON_CONTENT,
                utf8(with(body, textField, "\"" + "x".repeat(100_000) + "\"")), Expect.REFUSED, 413));
        cases.add(new Case("70,000 blanks after the body (over 64 KB)", method, target, JSON_CONTENT,
                utf8(body + " ".repeat(70_000)), Expect.REFUSED, 413));
        cases.add(new Case("a body of 1 MB", method, target, JSON_CONTENT, utf8(with(body, textField,
                "\"" + "x".repeat(1_000_000) + "\"")), Expect.REFUSED, 413));
        cases.add(new Case("a 100,000-character unknown field (over 64 KB)", method, target, JSON_CONTENT,
                utf8(withExtraField(body, "", "\"padding\": \"" + "p".repeat(100_000) + "\"")), Expect.REFUSED, 413));
        return cases;
    }

    /** Path ids that cannot be ids, percent-encoded as a client would send them, and some raw. */
    private List<Case> pathIdCases(String method, String prefix, String suffix, String body) {
        return pathIdCases(method, prefix, suffix, body, false);
    }

    /** {@code few}: a sample of each kind, for the endpoints whose path ids the same code reads as another's. */
    private List<Case> pathIdCases(String method, String prefix, String suffix, String body, boolean few) {
        List<Case> cases = new ArrayList<>();
        Map<String, String> headers = body == null ? Map.of() : JSON_CONTENT;
        byte[] bytes = body == null ? null : utf8(body);
        List<String> sample = List.of("a%00", "a%20b", "%E2%98%83", "x".repeat(101), "..", "%2F", "%C0%AF", "a%0Ab", "a%25",
                "a%3Bb=c");
        List<String> rawSample = List.of("a%zzb", "a b", "a\u0000b", "\u00e9");
        List<String> all = List.of("%00", "a%00", "%00a", "a%20b", "%20", "%E2%98%83", "%F0%9F%98%80", "x".repeat(101), "..",
                "%2E%2E", ".", "a%2Fb", "%2F", "%C0%AF", "%FF", "%ED%A0%80", "a%0Ab", "a%0D%0Ab", "%7F", "a+b", "-a", "~", "a%25",
                "%2525", "a%3Bb=c", "a%3Fb", "a%23b", "%5C", "a%09", "%C2%A0", "A" + "%41".repeat(100), "x".repeat(2000));
        for (String id : few ? sample : all) {
            cases.add(new Case(method + " " + prefix + ProblemShape.printable(id) + suffix, method, prefix + id + suffix, headers, bytes,
                    body == null ? Expect.READ : Expect.REFUSED, 0));
        }
        for (String raw : few ? rawSample : List.of("a%zzb", "a%", "%%", "a%0", "a b", "a\u0000b", "a\u007fb", "a;b=c", "\u00e9",
                "a\\b", "a|b", "a{b}", "a\"b", "a<b>", "a^b", "a`b")) {
            cases.add(new Case(method + " raw " + prefix + ProblemShape.printable(raw) + suffix, method, prefix + raw + suffix, headers, bytes,
                    body == null ? Expect.READ : Expect.REFUSED, 0));
        }
        return cases;
    }

    private List<Case> methodCases(String target, String... methods) {
        List<Case> cases = new ArrayList<>();
        for (String method : methods) {
            cases.add(new Case(method + " " + target, method, target, JSON_CONTENT, utf8("{}"), Expect.REFUSED, 405));
        }
        return cases;
    }

    /** The headers a command records in its history: printable and short, or the request is malformed. */
    private List<Case> headerCases(String method, String target, String body) {
        List<Case> cases = new ArrayList<>();
        for (String header : List.of("X-Actor", "X-Correlation-Id")) {
            for (String value : List.of("a".repeat(201), "a\u0001b", "a\u007fb")) {
                cases.add(new Case(header + ": " + ProblemShape.printable(value), method, target, Map.of("Content-Type", "application/json",
                        header, value), utf8(body), Expect.REFUSED, 400));
            }
        }
        return cases;
    }

    private List<Case> randomCases(String method, String target, String body, String field, List<String> values) {
        return values.stream().map(value -> new Case("random " + field + " = " + ProblemShape.printable(value), method, target, JSON_CONTENT,
                utf8(with(body, field, value)), Expect.REFUSED, 0)).toList();
    }

    // ---------------------------------------------------------------- random values (QuickTheories)

    private static List<String> generated(Gen<String> generator, Predicate<String> keep) {
        List<String> values = new ArrayList<>();
        qt().withFixedSeed(SEED).withExamples(RANDOM_EXAMPLES).forAll(generator).checkAssert(values::add);
        return values.stream().distinct().filter(keep).toList();
    }

    private static List<String> asJsonStrings(List<String> values) {
        return values.stream().map(value -> JSON.valueToTree(value).toString()).toList();
    }

    /** Random strings that are none of the enum's names, and random numbers. */
    private static List<String> randomEnumValues(Set<String> names) {
        List<String> values = new ArrayList<>(asJsonStrings(generated(strings().allPossible().ofLengthBetween(0, 14),
                Predicate.not(names::contains))));
        qt().withFixedSeed(SEED).withExamples(10).forAll(integers().all()).checkAssert(number -> values.add(number.toString()));
        return values;
    }

    /** Random text, and digit-and-punctuation text that looks like an instant, none of it a valid instant. */
    private static List<String> randomInstants() {
        Gen<String> instantLike = strings().betweenCodePoints('+', ':').ofLengthBetween(10, 30)
                .map(text -> text.length() > 10 ? text.substring(0, 10) + "T" + text.substring(11) + "Z" : text);
        List<String> values = new ArrayList<>();
        values.addAll(generated(strings().allPossible().ofLengthBetween(0, 30), BadInputSuiteTest::isNoInstant));
        values.addAll(generated(instantLike, BadInputSuiteTest::isNoInstant));
        return asJsonStrings(values);
    }

    private static boolean isNoInstant(String text) {
        try {
            InputRules.instant(text);
            return false;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static List<String> randomTimeZones() {
        return asJsonStrings(generated(strings().allPossible().ofLengthBetween(0, 20), text -> {
            try {
                ZoneId.of(text);
                return false;
            } catch (RuntimeException e) {
                return true;
            }
        }));
    }

    // ---------------------------------------------------------------- running a case

    private Stream<DynamicTest> run(String group, List<Case> cases) {
        Map<String, Integer> seen = new ConcurrentHashMap<>();
        return cases.stream().map(test -> {
            int occurrence = seen.merge(test.name(), 1, Integer::sum);
            String name = occurrence == 1 ? test.name() : test.name() + " #" + occurrence;
            return DynamicTest.dynamicTest(abbreviatedName(name), () -> check(group, test));
        });
    }

    private void check(String group, Case test) {
        casesByGroup.computeIfAbsent(group, any -> new AtomicInteger()).incrementAndGet();
        RawHttp.Response response;
        try {
            response = send(test.method(), test.target(), test.headers(), test.body());
        } catch (UncheckedIOException e) {
            String changed = whatChanged(group);
            if (changed != null) {
                rememberTheBaseline();
            }
            fail("[%s] %s: %s %s%n  -> no answer: %s%s".formatted(group, test.name(), test.method(),
                    ProblemShape.abbreviated(test.target()), e.getCause(), changed == null ? "" : "\n  " + changed));
            return;
        }
        answersByStatus.computeIfAbsent(response.status(), any -> new AtomicInteger()).incrementAndGet();
        List<String> problems = new ArrayList<>();
        if (response.status() >= 500) {
            problems.add("answered " + response.status());
        } else if (test.expect() == Expect.REFUSED && (response.status() < 400)) {
            problems.add("accepted with " + response.status() + " (a refusal was expected)");
        } else if (test.status() != 0 && response.status() != test.status()) {
            problems.add("answered " + response.status() + ", not " + test.status());
        }
        if (response.status() >= 400) {
            problems.addAll(ProblemShape.violations(response));
        }
        String changed = whatChanged(group);
        if (changed != null) {
            problems.add(changed);
            rememberTheBaseline();
        }
        if (!problems.isEmpty()) {
            fail("[%s] %s: %s %s%n  -> %d %s%n  %s%n  body: %s".formatted(group, test.name(), test.method(),
                    ProblemShape.abbreviated(test.target()),
                    response.status(), response.contentType(), String.join("\n  ", problems),
                    ProblemShape.abbreviated(response.body())));
        }
    }

    /**
     * What a request changed: events appended after the mark (deadline facts of others' incidents aside), or the view
     * of the contract or incident the group's requests address (every change is an event; the view is checked too).
     */
    private String whatChanged(String group) {
        List<String> appended = auditAfter(auditMark).stream()
                .filter(entry -> ownAggregates.contains(entry.path("aggregateId").asText())
                        || !DEADLINE_FACTS.contains(entry.path("type").asText().replaceAll(".*\\.", "")))
                .map(entry -> entry.path("type").asText() + " of " + entry.path("aggregateId").asText())
                .toList();
        if (!appended.isEmpty()) {
            return "the audit stream grew: " + appended;
        }
        if (!group.startsWith("POST")) {
            String contract = get("/api/v1/contracts/" + contractId, "application/json").body();
            if (!contract.equals(contractView)) {
                return "the contract changed: " + ProblemShape.abbreviated(contract);
            }
        }
        if (group.startsWith("POST")) {
            String incident = get("/api/v1/incidents/" + incidentId, "application/json").body();
            if (!incident.equals(incidentView)) {
                return "the incident changed: " + ProblemShape.abbreviated(incident);
            }
        }
        return null;
    }

    private List<JsonNode> auditAfter(long after) {
        RawHttp.Response response = get("/api/v1/audit/events?after=" + after + "&limit=10000", "application/x-ndjson");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (!line.isBlank()) {
                entries.add(tree(line));
            }
        }
        return entries;
    }

    /** A case on its own connection, so that no malformed request can leave a half-read connection to the next. */
    private RawHttp.Response send(String method, String target, Map<String, String> headers, byte[] body) {
        return RawHttp.send(port, method, target, headers, body);
    }

    /** A well-formed read of the state, on a kept-alive connection. */
    private RawHttp.Response get(String target, String accept) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + target)).timeout(Duration.ofSeconds(30))
                .header("Accept", accept).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new RawHttp.Response(response.statusCode(), Map.of(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("no answer to GET " + target, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- JSON editing

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + json, e);
        }
    }

    /** The body with the value at {@code path} replaced by the raw JSON text {@code value} (which may be invalid JSON). */
    private static String with(String body, String path, String value) {
        JsonNode root = tree(body);
        set(root, path, TextNode.valueOf(PLACEHOLDER));
        return root.toString().replace("\"" + PLACEHOLDER + "\"", value);
    }

    private static String without(String body, String path) {
        JsonNode root = tree(body);
        int split = Math.max(path.lastIndexOf('.'), -1);
        JsonNode parent = split < 0 ? root : locate(root, path.substring(0, split));
        ((ObjectNode) parent).remove(path.substring(split + 1));
        return root.toString();
    }

    private static String withExtraField(String body, String objectPath, String member) {
        JsonNode root = tree(body);
        JsonNode object = objectPath.isEmpty() ? root : locate(root, objectPath);
        ((ObjectNode) object).put(PLACEHOLDER, 0);
        return root.toString().replace("\"" + PLACEHOLDER + "\":0", member);
    }

    private static JsonNode node(String body, String path) {
        return locate(tree(body), path);
    }

    private static JsonNode locate(JsonNode root, String path) {
        JsonNode node = root;
        for (String step : path.split("\\.")) {
            int bracket = step.indexOf('[');
            node = node.get(bracket < 0 ? step : step.substring(0, bracket));
            if (bracket >= 0) {
                node = node.get(Integer.parseInt(step.substring(bracket + 1, step.length() - 1)));
            }
        }
        return node;
    }

    private static void set(JsonNode root, String path, JsonNode value) {
        int split = path.lastIndexOf('.');
        String last = path.substring(split + 1);
        JsonNode parent = split < 0 ? root : locate(root, path.substring(0, split));
        int bracket = last.indexOf('[');
        if (bracket < 0) {
            ((ObjectNode) parent).set(last, value);
        } else {
            ArrayNode array = (ArrayNode) parent.get(last.substring(0, bracket));
            array.set(Integer.parseInt(last.substring(bracket + 1, last.length() - 1)), value);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The text in UTF-8 with {@code raw} bytes where the placeholder stands. */
    private static byte[] bytesWith(String text, byte[] raw) {
        int at = text.indexOf(PLACEHOLDER);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(utf8(text.substring(0, at)));
        bytes.writeBytes(raw);
        bytes.writeBytes(utf8(text.substring(at + PLACEHOLDER.length())));
        return bytes.toByteArray();
    }

    private static String query(String value) {
        return UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8);
    }

    private static String abbreviatedName(String name) {
        return name.length() <= 150 ? name : name.substring(0, 150) + "...";
    }
}
