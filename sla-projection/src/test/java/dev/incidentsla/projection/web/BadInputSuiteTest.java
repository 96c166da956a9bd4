package dev.incidentsla.projection.web;

import dev.incidentsla.api.Channel;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaClock;
import dev.incidentsla.api.SlaDecision;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.api.incident.IncidentOpened;
import dev.incidentsla.edge.input.ProblemShape;
import dev.incidentsla.edge.input.RawHttp;
import dev.incidentsla.projection.SlaProjectionApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.quicktheories.core.Gen;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.util.UriUtils;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

/**
 * Bad input on the projection's dashboard reads, generated: parameters of the wrong form, out of range, repeated,
 * with control characters, odd paths, other methods and media types, plus random values (QuickTheories, fixed seed:
 * {@code -DbadInput.seed=...} for another run). Every answer must be a 4xx problem or, for a value that may be
 * read, a success; never a 5xx. The projection runs on an embedded PostgreSQL with the event store's tables and no
 * Kafka broker (its bootstrap address points at a closed port): the reads need none, and nothing here raises an alert.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputSuiteTest {

    private static final long SEED = Long.getLong("badInput.seed", 20261206L);
    private static final int RANDOM_EXAMPLES = 40;

    /** REFUSED: the request must be answered with a 4xx problem. READ: it may also succeed, but never with a 5xx. */
    enum Expect { REFUSED, READ }

    record Case(String name, String method, String target, Map<String, String> headers, Expect expect, int status) {
    }

    private EmbeddedPostgres postgres;
    private ConfigurableApplicationContext projection;
    private int port;
    private long startedAt;
    private final AtomicInteger cases = new AtomicInteger();
    private final Map<Integer, AtomicInteger> answersByStatus = new TreeMap<>();

    @BeforeAll
    void start() throws Exception {
        startedAt = System.nanoTime();
        postgres = EmbeddedPostgres.builder().start();
        Flyway.configure().dataSource(postgres.getPostgresDatabase()).locations("classpath:db/migration").load().migrate();
        projection = SlaProjectionApplication.application().run("--server.port=0",
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--sla-projection.kafka.bootstrap-servers=127.0.0.1:" + closedPort());
        port = Integer.parseInt(projection.getEnvironment().getProperty("local.server.port"));
        openAnIncident();
    }

    @AfterAll
    void stop() throws Exception {
        System.out.printf("bad-input suite (sla-projection): %d cases in %.1f s, answers by status %s%n", cases.get(),
                (System.nanoTime() - startedAt) / 1e9, answersByStatus);
        if (projection != null) {
            projection.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /** A pending deadline in the read model, so that the reads have a row to filter and map. */
    private void openAnIncident() {
        Instant submittedAt = Instant.now().minus(Duration.ofMinutes(1));
        Instant dueAt = submittedAt.plus(Duration.ofDays(1));
        SlaDecision decision = new SlaDecision("UNIFIED", "unified.sev-b.business-hours", Duration.ofHours(2),
                SlaClock.BUSINESS_HOURS, submittedAt, dueAt, dueAt.minus(Duration.ofMinutes(30)), "test", 1, false, "test");
        IncidentOpened opened = new IncidentOpened(new IncidentId("INC-BAD-INPUT"), new ContractId("contoso"), 1, "title",
                "azure-virtual-machines", Channel.WEB, Severity.B, false, null, submittedAt, decision);
        projection.getBean(EventStore.class).publish(
                new GenericDomainEventMessage<>("Incident", "incident:INC-BAD-INPUT", 0, opened));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @TestFactory
    Stream<DynamicTest> pending() {
        List<Case> all = new ArrayList<>();
        String path = "/api/v1/sla/pending";
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put("contractId", List.of("\u0000", "a\u0000", "\u0000a", "a\u001b[2J", "a\u007f", "a\u0085"));
        parameters.put("severity", List.of("b", "4", "SEV_1", " B", "B ", "1.0", "01", "\u0000", "A\u0000", "", " ", "\uff22",
                "x".repeat(3000)));
        parameters.put("program", List.of("\u0000", "UNIFIED\u0000", "a\u001b"));
        parameters.put("limit", List.of("0", "-1", "1001", "2147483648", "-2147483649", "99999999999999999999", "0x10", "+1",
                " 1", "1.5", "1e3", "NaN", "abc", "\u0661", "1\u0000", "1_000"));
        parameters.forEach((name, values) -> {
            for (String value : values) {
                all.add(new Case(name + "=" + ProblemShape.printable(value), "GET", path + "?" + name + "=" + query(value), Map.of(),
                        Expect.REFUSED, 400));
            }
        });
        all.add(new Case("severity repeated", "GET", path + "?severity=A&severity=B", Map.of(), Expect.REFUSED, 400));
        all.add(new Case("limit repeated", "GET", path + "?limit=1&limit=2", Map.of(), Expect.REFUSED, 400));
        all.add(new Case("contractId repeated", "GET", path + "?contractId=a&contractId=b", Map.of(), Expect.REFUSED, 400));
        all.add(new Case("program repeated", "GET", path + "?program=UNIFIED&program=UER", Map.of(), Expect.REFUSED, 400));
        all.add(new Case("limit empty", "GET", path + "?limit=", Map.of(), Expect.READ, 0));
        all.add(new Case("contractId of 3,000 characters", "GET", path + "?contractId=" + "c".repeat(3000), Map.of(), Expect.READ, 0));
        all.addAll(commonCases(path));
        all.addAll(randomCases(path, "severity", Expect.READ));
        all.addAll(randomCases(path, "contractId", Expect.READ));
        all.addAll(randomCases(path, "program", Expect.READ));
        all.addAll(randomCases(path, "limit", Expect.READ));
        return run(all);
    }

    @TestFactory
    Stream<DynamicTest> breaches() {
        List<Case> all = new ArrayList<>();
        String path = "/api/v1/sla/breaches";
        for (String since : List.of("", " ", "1763630100", "0x10", "2026-11-20T09:15:00", "2026-11-20T09:15", "2026-11-20",
                "-0001-01-04T11:00:00Z", "+10000-01-01T00:00:00Z", "+2026-11-20T09:15:00Z", "2026-02-30T00:00:00Z",
                "2026-11-20T24:00:00Z", "2026-11-20T09:15:00+25:00", "2026-11-20 09:15:00Z", "2026-11-20t09:15:00z",
                "2026-11-20T09:15:00.1234567891Z", "1969-12-31T23:59:59Z", "2026-11-20T09:15:00Z\u0000", "2026-11-20T09:15:00Z[UTC]",
                "now", "\u0000", "x".repeat(3000))) {
            all.add(new Case("since=" + ProblemShape.printable(since), "GET", path + "?since=" + query(since), Map.of(),
                    since.isEmpty() ? Expect.READ : Expect.REFUSED, since.isEmpty() ? 0 : 400));
        }
        for (String limit : List.of("0", "-1", "1001", "2147483648", "99999999999999999999", "0x10", "1.5", "NaN", "\u0661", " 5")) {
            all.add(new Case("limit=" + ProblemShape.printable(limit), "GET", path + "?limit=" + query(limit), Map.of(), Expect.REFUSED, 400));
        }
        all.add(new Case("since repeated", "GET", path + "?since=2026-11-20T09:15:00Z&since=2026-11-21T09:15:00Z", Map.of(),
                Expect.REFUSED, 400));
        all.add(new Case("since twice in one (comma)", "GET", path + "?since=" + query("2026-11-20T09:15:00Z,2026-11-21T09:15:00Z"),
                Map.of(), Expect.REFUSED, 400));
        all.add(new Case("limit repeated", "GET", path + "?limit=1&limit=2", Map.of(), Expect.REFUSED, 400));
        all.addAll(commonCases(path));
        all.addAll(randomCases(path, "since", Expect.READ));
        all.addAll(randomCases(path, "limit", Expect.READ));
        return run(all);
    }

    @TestFactory
    Stream<DynamicTest> firstResponseReport() {
        return run(reportCases("/api/v1/reports/first-response"));
    }

    /**
     * The other timers' reports share the first response's parameters and their checks: the whole suite on one of
     * them, the range and key refusals on each, and a 404 for every name that reports no timer.
     */
    @TestFactory
    Stream<DynamicTest> otherTimersReports() {
        List<Case> all = new ArrayList<>(reportCases("/api/v1/reports/root-cause-analysis"));
        for (String timer : List.of("crit-sit-assignment", "customer-change-control", "customer-responsiveness")) {
            String path = "/api/v1/reports/" + timer;
            for (String query : List.of("to=2026-12", "from=2026-11", "from=2026-12&to=2026-11", "from=2026-01&to=2027-02",
                    "from=2026-02-30&to=2026-03", "from=2026-11&to=2026-12&groupBy=party", "from=2026-11&to=2026-12&groupBy=",
                    "from=2026-11&to=2026-12&groupBy=month,month")) {
                all.add(new Case(timer + " " + query, "GET", path + "?" + query, Map.of(), Expect.REFUSED, 400));
            }
            all.add(new Case(timer + " as CSV", "GET", path + "?from=2026-11&to=2026-12", Map.of("Accept", "text/csv"),
                    Expect.READ, 200));
        }
        for (String timer : List.of("crit-sit", "CRIT-SIT-ASSIGNMENT", "crit_sit_assignment", "FIRST_RESPONSE", "first-responses",
                "root-cause-analysis%20", "%20root-cause-analysis", "a%1B%5B2J", "%C3%A9",
                "%EF%BC%A1", "-", "x".repeat(2000))) {
            all.add(new Case("timer " + ProblemShape.printable(timer), "GET", "/api/v1/reports/" + timer + "?from=2026-11&to=2026-12",
                    Map.of(), Expect.REFUSED, 404));
            all.add(new Case("timer " + ProblemShape.printable(timer) + " without a range", "GET", "/api/v1/reports/" + timer,
                    Map.of(), Expect.REFUSED, 404));
        }
        // a NUL is malformed in any path, refused before the timer is looked for
        for (String timer : List.of("root-cause-analysis%00", "%00")) {
            all.add(new Case("timer " + ProblemShape.printable(timer), "GET", "/api/v1/reports/" + timer + "?from=2026-11&to=2026-12",
                    Map.of(), Expect.REFUSED, 400));
        }
        return run(all);
    }

    private List<Case> reportCases(String path) {
        List<Case> all = new ArrayList<>();
        for (String day : List.of("", " ", "2026", "2026-1", "2026-13", "2026-00", "2026-02-30", "2026-11-31", "0000-01", "+2026-11",
                "2026-11-01T00:00:00Z", "2026-11-1", "1969-12", "10000-01", "2026/11", "\u0000", "2026-11\u0000", "\u0661\u0661",
                "x".repeat(3000))) {
            all.add(new Case("from=" + ProblemShape.printable(day), "GET", path + "?to=2026-12&from=" + query(day), Map.of(),
                    Expect.REFUSED, 400));
            all.add(new Case("to=" + ProblemShape.printable(day), "GET", path + "?from=2026-11&to=" + query(day), Map.of(),
                    Expect.REFUSED, 400));
        }
        for (String range : List.of("from=2026-12&to=2026-11", "from=2026-11&to=2026-11", "from=2026-11-15&to=2026-11-15",
                "from=2026-01&to=2027-02", "from=1970-01&to=9999-12", "from=2026-11", "to=2026-12", "from=2026-11&from=2026-10&to=2026-12")) {
            all.add(new Case(range, "GET", path + "?" + range, Map.of(), Expect.REFUSED, 400));
        }
        for (String groupBy : List.of("", ",", "contract,", ",contract", "contract,,month", "contract,contract", "CONTRACT",
                " contract", "contract ,month", "contractId", "customer", "\u0000", "a\u001b[2J", "x".repeat(3000))) {
            all.add(new Case("groupBy=" + ProblemShape.printable(groupBy), "GET",
                    path + "?from=2026-11&to=2026-12&groupBy=" + query(groupBy), Map.of(), Expect.REFUSED, 400));
        }
        all.add(new Case("groupBy repeated", "GET", path + "?from=2026-11&to=2026-12&groupBy=contract&groupBy=month", Map.of(),
                Expect.REFUSED, 400));
        all.add(new Case("a year to the day", "GET", path + "?from=2028-02-29&to=2029-02-28&groupBy=month", Map.of(), Expect.READ, 200));
        all.add(new Case("the last day there is", "GET", path + "?from=9999-12-30&to=9999-12-31", Map.of(), Expect.READ, 200));
        all.add(new Case("Accept: text/csv", "GET", path + "?from=2026-11&to=2026-12", Map.of("Accept", "text/csv"), Expect.READ, 200));
        all.addAll(commonCases(path).stream().filter(test -> !test.name().equals("Accept: text/csv")).toList());
        all.addAll(randomCases(path + "?to=2027-01", "from", Expect.READ));
        all.addAll(randomCases(path + "?from=2026-01", "to", Expect.READ));
        all.addAll(randomCases(path + "?from=2026-01&to=2027-01", "groupBy", Expect.READ));
        return all;
    }

    @TestFactory
    Stream<DynamicTest> today() {
        List<Case> all = new ArrayList<>();
        String path = "/api/v1/sla/today";
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put("contractId", List.of("\u0000", "a\u0000", "a\u001b[2J", "a\u007f"));
        parameters.put("severity", List.of("b", "4", "SEV_1", " B", "\u0000", "", "\uff22", "x".repeat(3000)));
        parameters.put("program", List.of("\u0000", "UNIFIED\u0000", "a\u001b"));
        parameters.forEach((name, values) -> {
            for (String value : values) {
                all.add(new Case(name + "=" + ProblemShape.printable(value), "GET", path + "?" + name + "=" + query(value), Map.of(),
                        Expect.REFUSED, 400));
            }
        });
        all.add(new Case("severity repeated", "GET", path + "?severity=A&severity=B", Map.of(), Expect.REFUSED, 400));
        all.add(new Case("contractId of 3,000 characters", "GET", path + "?contractId=" + "c".repeat(3000), Map.of(), Expect.READ, 0));
        all.addAll(commonCases(path));
        all.addAll(randomCases(path, "severity", Expect.READ));
        all.addAll(randomCases(path, "contractId", Expect.READ));
        all.addAll(randomCases(path, "program", Expect.READ));
        return run(all);
    }

    /** What every read gets: a bad escape, a query over 4 KB, odd paths beneath it, other methods and media types. */
    private List<Case> commonCases(String path) {
        List<Case> all = new ArrayList<>();
        all.add(new Case("a bad escape in the query", "GET", path + "?limit=%zz", Map.of(), Expect.REFUSED, 400));
        all.add(new Case("a query over 4 KB", "GET", path + "?since=" + "1".repeat(5000), Map.of(), Expect.REFUSED, 414));
        all.add(new Case("an unknown parameter", "GET", path + "?unknown=1", Map.of(), Expect.READ, 0));
        for (String suffix : List.of("/%00", "/..", "/%2E%2E", "/%2F", "/x%3Bb=c", "%00", "/x;b=c", "/%C0%AF", "/\u00e9", "/a b",
                "/a%zz", "/" + "x".repeat(2000))) {
            all.add(new Case("path " + ProblemShape.printable(path + suffix), "GET", path + suffix, Map.of(), Expect.REFUSED, 0));
        }
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            all.add(new Case(method, method, path, Map.of("Content-Type", "application/json"), Expect.REFUSED, 405));
        }
        all.add(new Case("Accept: text/csv", "GET", path, Map.of("Accept", "text/csv"), Expect.REFUSED, 406));
        all.add(new Case("Accept: application/xml", "GET", path, Map.of("Accept", "application/xml"), Expect.REFUSED, 406));
        all.add(new Case("a header over 8 KB", "GET", path, Map.of("X-Padding", "y".repeat(9000)), Expect.REFUSED, 431));
        return all;
    }

    private static List<Case> randomCases(String path, String parameter, Expect expect) {
        Gen<String> values = strings().allPossible().ofLengthBetween(0, 30);
        List<String> generated = new ArrayList<>();
        qt().withFixedSeed(SEED + parameter.hashCode()).withExamples(RANDOM_EXAMPLES).forAll(values).checkAssert(generated::add);
        return generated.stream().distinct().map(value -> new Case("random " + parameter + "=" + ProblemShape.printable(value), "GET",
                path + (path.contains("?") ? "&" : "?") + parameter + "=" + query(value), Map.of(), expect, 0)).toList();
    }

    private Stream<DynamicTest> run(List<Case> all) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        return all.stream().map(test -> {
            int occurrence = seen.merge(test.name(), 1, Integer::sum);
            String name = occurrence == 1 ? test.name() : test.name() + " #" + occurrence;
            return DynamicTest.dynamicTest(name.length() <= 150 ? name : name.substring(0, 150) + "...", () -> check(test));
        });
    }

    private void check(Case test) {
        cases.incrementAndGet();
        RawHttp.Response response = send(test);
        answersByStatus.computeIfAbsent(response.status(), any -> new AtomicInteger()).incrementAndGet();
        List<String> problems = new ArrayList<>();
        if (response.status() >= 500) {
            problems.add("answered " + response.status());
        } else if (test.expect() == Expect.REFUSED && response.status() < 400) {
            problems.add("accepted with " + response.status() + " (a refusal was expected)");
        } else if (test.status() != 0 && response.status() != test.status()) {
            problems.add("answered " + response.status() + ", not " + test.status());
        }
        if (response.status() >= 400) {
            problems.addAll(ProblemShape.violations(response));
        }
        if (!problems.isEmpty()) {
            fail("%s: %s %s%n  -> %d %s%n  %s%n  body: %s".formatted(test.name(), test.method(),
                    ProblemShape.abbreviated(test.target()), response.status(), response.contentType(),
                    String.join("\n  ", problems), ProblemShape.abbreviated(response.body())));
        }
    }

    /** A case on its own connection, so that no malformed request can leave a half-read connection to the next. */
    private RawHttp.Response send(Case test) {
        return RawHttp.send(port, test.method(), test.target(), test.headers(), null);
    }

    private static String query(String value) {
        return UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8);
    }
}
