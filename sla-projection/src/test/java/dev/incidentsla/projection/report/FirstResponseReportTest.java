package dev.incidentsla.projection.report;

import dev.incidentsla.api.Channel;
import dev.incidentsla.api.FirstResponseStatus;
import dev.incidentsla.api.RegradeEffect;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaClock;
import dev.incidentsla.api.SlaDecision;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.incident.FirstResponseBreached;
import dev.incidentsla.api.incident.FirstResponseRecorded;
import dev.incidentsla.api.incident.IncidentClosed;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.api.incident.IncidentOpened;
import dev.incidentsla.api.incident.IncidentRegraded;
import dev.incidentsla.edge.access.Roles;
import dev.incidentsla.edge.access.TestTokens;
import dev.incidentsla.projection.SlaProjectionApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The first-response compliance report through the projection's real path: incidents' histories appended to the
 * event store on a real PostgreSQL, the projection's read model built from them by its processor, and the report read
 * over HTTP with access control on and real signed tokens. The fixture is a month of incidents (November 2026, two
 * contracts, four severities, three programs, every outcome) and one incident on each side of it; every expected
 * figure below was counted by hand from the fixture.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FirstResponseReportTest {

    private static final String CONTOSO = "contoso";
    private static final String NORTHWIND = "northwind";
    private static final String REPORT = "/api/v1/reports/first-response";

    private EmbeddedPostgres postgres;
    private ConfigurableApplicationContext projection;
    private WebTestClient client;
    private final String reader = TestTokens.token("ops", List.of(Roles.SLA_READER), null);
    private final List<DomainEventMessage<?>> history = new ArrayList<>();
    private int incidents;

    @BeforeAll
    void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        Flyway.configure().dataSource(postgres.getPostgresDatabase()).locations("classpath:db/migration").load().migrate();
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--sla-projection.kafka.bootstrap-servers=127.0.0.1:" + closedPort()));
        TestTokens.accessProperties().forEach((name, value) -> arguments.add("--" + name + "=" + value));
        projection = SlaProjectionApplication.application().run(arguments.toArray(String[]::new));
        client = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + projection.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(30)).build();
        recordTheFixture();
        projection.getBean(EventStore.class).publish(history);
        JdbcTemplate jdbc = projection.getBean(JdbcTemplate.class);
        long lastSequences = history.stream().filter(event -> history.stream().noneMatch(later ->
                later.getAggregateIdentifier().equals(event.getAggregateIdentifier())
                        && later.getSequenceNumber() > event.getSequenceNumber())).mapToLong(DomainEventMessage::getSequenceNumber).sum();
        await().atMost(Duration.ofSeconds(30)).until(() -> Map.of("rows", (long) incidents, "sequences", lastSequences).equals(
                jdbc.queryForObject("SELECT count(*) AS rows, coalesce(sum(last_sequence), 0) AS sequences FROM sla_read_model",
                        (rs, n) -> Map.of("rows", rs.getLong("rows"), "sequences", rs.getLong("sequences")))));
    }

    @AfterAll
    void stop() throws Exception {
        if (projection != null) {
            projection.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * November 2026, by contract (outcome: severity and program it is counted under):
     * <pre>
     * contoso    #1 met (B UNIFIED)  #2 breached, answered late (B UNIFIED)  #3 closed before its deadline: cancelled
     *            (B UNIFIED)  #4 pending, submitted 30 Nov 23:30 UTC, due in December (B UNIFIED)  #5 met (A UER)
     *            #6 breached as A, then re-graded to B (A UER)  #7 re-graded from A UER to C before its response,
     *            which met the new deadline (C UNIFIED)
     * northwind  #8, #9, #14 met (C UNIFIED)  #10 breached (C UNIFIED)  #11 breached (1 AZURE_RAPID_RESPONSE)
     *            #12 met (1 AZURE_RAPID_RESPONSE)  #13 pending (B UNIFIED)
     * </pre>
     * Outside the month: contoso met a B UNIFIED SLA submitted 31 October 23:59:59 UTC, and has one pending from
     * 1 December 00:00 UTC.
     */
    private void recordTheFixture() {
        met(opened("INC-01", CONTOSO, Severity.B, "UNIFIED", "2026-11-02T09:00:00Z"));
        breachedThenAnswered(opened("INC-02", CONTOSO, Severity.B, "UNIFIED", "2026-11-03T09:00:00Z"));
        cancelled(opened("INC-03", CONTOSO, Severity.B, "UNIFIED", "2026-11-10T09:00:00Z"));
        opened("INC-04", CONTOSO, Severity.B, "UNIFIED", "2026-11-30T23:30:00Z");
        met(opened("INC-05", CONTOSO, Severity.A, "UER", "2026-11-05T09:00:00Z"));
        IncidentOpened sixth = opened("INC-06", CONTOSO, Severity.A, "UER", "2026-11-06T09:00:00Z");
        breached(sixth);
        append(sixth, new IncidentRegraded(sixth.incidentId(), Severity.A, false, Severity.B, false, "customer request",
                sixth.submittedAt().plus(Duration.ofHours(5)), RegradeEffect.SLA_ALREADY_STOPPED, sixth.firstResponse(),
                FirstResponseStatus.BREACHED));
        IncidentOpened seventh = opened("INC-07", CONTOSO, Severity.A, "UER", "2026-11-07T09:00:00Z");
        Instant regradedAt = seventh.submittedAt().plus(Duration.ofMinutes(20));
        SlaDecision lowered = decision("UNIFIED", Severity.C, regradedAt, Duration.ofHours(8));
        append(seventh, new IncidentRegraded(seventh.incidentId(), Severity.A, false, Severity.C, false, "business impact changed",
                regradedAt, RegradeEffect.DOWNGRADE_RECOMPUTED, lowered, FirstResponseStatus.PENDING));
        append(seventh, new FirstResponseRecorded(seventh.incidentId(), regradedAt.plus(Duration.ofHours(3)), Channel.PHONE,
                "eng-7", lowered.dueAt(), FirstResponseStatus.MET));

        met(opened("INC-08", NORTHWIND, Severity.C, "UNIFIED", "2026-11-12T09:00:00Z"));
        met(opened("INC-09", NORTHWIND, Severity.C, "UNIFIED", "2026-11-13T09:00:00Z"));
        breachedThenAnswered(opened("INC-10", NORTHWIND, Severity.C, "UNIFIED", "2026-11-14T09:00:00Z"));
        breached(opened("INC-11", NORTHWIND, Severity.SEV_1, "AZURE_RAPID_RESPONSE", "2026-11-15T09:00:00Z"));
        met(opened("INC-12", NORTHWIND, Severity.SEV_1, "AZURE_RAPID_RESPONSE", "2026-11-16T09:00:00Z"));
        opened("INC-13", NORTHWIND, Severity.B, "UNIFIED", "2026-11-20T09:00:00Z");
        met(opened("INC-14", NORTHWIND, Severity.C, "UNIFIED", "2026-11-21T09:00:00Z"));

        met(opened("INC-OCTOBER", CONTOSO, Severity.B, "UNIFIED", "2026-10-31T23:59:59Z"));
        opened("INC-DECEMBER", CONTOSO, Severity.B, "UNIFIED", "2026-12-01T00:00:00Z");
    }

    private static SlaDecision decision(String program, Severity severity, Instant startedAt, Duration target) {
        Instant dueAt = startedAt.plus(target);
        return new SlaDecision(program, program.toLowerCase() + ".sev-" + severity.code().toLowerCase(), target,
                SlaClock.ROUND_THE_CLOCK, startedAt, dueAt, startedAt.plus(target.multipliedBy(3).dividedBy(4)), "test", 1, false,
                "test");
    }

    private IncidentOpened opened(String incidentId, String contractId, Severity severity, String program, String submittedAt) {
        Instant submitted = Instant.parse(submittedAt);
        IncidentOpened opened = new IncidentOpened(new IncidentId(incidentId), new ContractId(contractId), 1, "title",
                "azure-virtual-machines", Channel.PHONE, severity, false, null, submitted,
                decision(program, severity, submitted, Duration.ofHours(2)));
        incidents++;
        append(opened, opened);
        return opened;
    }

    private void met(IncidentOpened opened) {
        append(opened, new FirstResponseRecorded(opened.incidentId(), opened.submittedAt().plus(Duration.ofHours(1)), Channel.PHONE,
                "eng-1", opened.firstResponse().dueAt(), FirstResponseStatus.MET));
    }

    private void breached(IncidentOpened opened) {
        SlaDecision decision = opened.firstResponse();
        append(opened, new FirstResponseBreached(opened.incidentId(), opened.contractId(), opened.severity(), opened.product(),
                decision.program(), decision.rule(), decision.target(), decision.clock(), opened.submittedAt(), decision.dueAt(),
                decision.dueAt().plusSeconds(1)));
    }

    private void breachedThenAnswered(IncidentOpened opened) {
        breached(opened);
        append(opened, new FirstResponseRecorded(opened.incidentId(), opened.submittedAt().plus(Duration.ofHours(3)), Channel.PHONE,
                "eng-2", opened.firstResponse().dueAt(), FirstResponseStatus.BREACHED));
    }

    private void cancelled(IncidentOpened opened) {
        append(opened, new IncidentClosed(opened.incidentId(), opened.submittedAt().plus(Duration.ofMinutes(30)), "duplicate",
                FirstResponseStatus.CANCELLED));
    }

    private void append(IncidentOpened incident, Object event) {
        String aggregate = "incident:" + incident.incidentId().value();
        long sequence = history.stream().filter(message -> message.getAggregateIdentifier().equals(aggregate)).count();
        history.add(new GenericDomainEventMessage<>("Incident", aggregate, sequence, event));
    }

    private WebTestClient.ResponseSpec get(String uri, String token, MediaType accept) {
        WebTestClient.RequestHeadersSpec<?> request = client.get().uri(uri).accept(accept);
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        return request.exchange();
    }

    private void expectJson(String query, String token, String rows) {
        get(REPORT + query, token, MediaType.APPLICATION_JSON).expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody().json("{\"rows\": [" + rows + "]}", JsonCompareMode.STRICT);
    }

    @Test
    void a_month_by_contract_severity_program_and_month_counts_what_the_histories_recorded() {
        expectJson("?from=2026-11&to=2026-12&groupBy=contract,severity,program,month", reader, """
                {"contractId": "contoso", "severity": "A", "program": "UER", "month": "2026-11",
                 "total": 2, "met": 1, "breached": 1, "cancelled": 0, "pending": 0, "metRatio": 0.5},
                {"contractId": "contoso", "severity": "B", "program": "UNIFIED", "month": "2026-11",
                 "total": 4, "met": 1, "breached": 1, "cancelled": 1, "pending": 1, "metRatio": 0.5},
                {"contractId": "contoso", "severity": "C", "program": "UNIFIED", "month": "2026-11",
                 "total": 1, "met": 1, "breached": 0, "cancelled": 0, "pending": 0, "metRatio": 1},
                {"contractId": "northwind", "severity": "1", "program": "AZURE_RAPID_RESPONSE", "month": "2026-11",
                 "total": 2, "met": 1, "breached": 1, "cancelled": 0, "pending": 0, "metRatio": 0.5},
                {"contractId": "northwind", "severity": "B", "program": "UNIFIED", "month": "2026-11",
                 "total": 1, "met": 0, "breached": 0, "cancelled": 0, "pending": 1, "metRatio": null},
                {"contractId": "northwind", "severity": "C", "program": "UNIFIED", "month": "2026-11",
                 "total": 4, "met": 3, "breached": 1, "cancelled": 0, "pending": 0, "metRatio": 0.75}""");
    }

    @Test
    void each_key_alone_and_no_key_at_all() {
        expectJson("?from=2026-11&to=2026-12&groupBy=contract", reader, """
                {"contractId": "contoso", "total": 7, "met": 3, "breached": 2, "cancelled": 1, "pending": 1, "metRatio": 0.6},
                {"contractId": "northwind", "total": 7, "met": 4, "breached": 2, "cancelled": 0, "pending": 1, "metRatio": 0.6667}""");
        expectJson("?from=2026-11&to=2026-12&groupBy=severity", reader, """
                {"severity": "1", "total": 2, "met": 1, "breached": 1, "cancelled": 0, "pending": 0, "metRatio": 0.5},
                {"severity": "A", "total": 2, "met": 1, "breached": 1, "cancelled": 0, "pending": 0, "metRatio": 0.5},
                {"severity": "B", "total": 5, "met": 1, "breached": 1, "cancelled": 1, "pending": 2, "metRatio": 0.5},
                {"severity": "C", "total": 5, "met": 4, "breached": 1, "cancelled": 0, "pending": 0, "metRatio": 0.8}""");
        expectJson("?from=2026-11&to=2026-12&groupBy=program", reader, """
                {"program": "AZURE_RAPID_RESPONSE", "total": 2, "met": 1, "breached": 1, "cancelled": 0, "pending": 0, "metRatio": 0.5},
                {"program": "UER", "total": 2, "met": 1, "breached": 1, "cancelled": 0, "pending": 0, "metRatio": 0.5},
                {"program": "UNIFIED", "total": 10, "met": 5, "breached": 2, "cancelled": 1, "pending": 2, "metRatio": 0.7143}""");
        expectJson("?from=2026-11&to=2026-12", reader, """
                {"total": 14, "met": 7, "breached": 4, "cancelled": 1, "pending": 2, "metRatio": 0.6364}""");
    }

    @Test
    void the_submission_instant_in_utc_places_an_incident_in_its_month_and_in_the_range() {
        expectJson("?from=2026-10&to=2027-01&groupBy=month", reader, """
                {"month": "2026-10", "total": 1, "met": 1, "breached": 0, "cancelled": 0, "pending": 0, "metRatio": 1},
                {"month": "2026-11", "total": 14, "met": 7, "breached": 4, "cancelled": 1, "pending": 2, "metRatio": 0.6364},
                {"month": "2026-12", "total": 1, "met": 0, "breached": 0, "cancelled": 0, "pending": 1, "metRatio": null}""");
        expectJson("?from=2026-11-30&to=2026-12-01&groupBy=contract,month", reader, """
                {"contractId": "contoso", "month": "2026-11", "total": 1, "met": 0, "breached": 0, "cancelled": 0, "pending": 1,
                 "metRatio": null}""");
        expectJson("?from=2027-01&to=2027-02&groupBy=month", reader, "");
    }

    @Test
    void rows_are_ordered_by_the_keys_in_the_order_given() {
        expectJson("?from=2026-11&to=2026-12&groupBy=severity,contract", reader, """
                {"severity": "1", "contractId": "northwind", "total": 2, "met": 1, "breached": 1, "cancelled": 0, "pending": 0, "metRatio": 0.5},
                {"severity": "A", "contractId": "contoso", "total": 2, "met": 1, "breached": 1, "cancelled": 0, "pending": 0, "metRatio": 0.5},
                {"severity": "B", "contractId": "contoso", "total": 4, "met": 1, "breached": 1, "cancelled": 1, "pending": 1, "metRatio": 0.5},
                {"severity": "B", "contractId": "northwind", "total": 1, "met": 0, "breached": 0, "cancelled": 0, "pending": 1, "metRatio": null},
                {"severity": "C", "contractId": "contoso", "total": 1, "met": 1, "breached": 0, "cancelled": 0, "pending": 0, "metRatio": 1},
                {"severity": "C", "contractId": "northwind", "total": 4, "met": 3, "breached": 1, "cancelled": 0, "pending": 0, "metRatio": 0.75}""");
    }

    @Test
    void csv_has_a_header_line_and_the_keys_columns_first_in_the_order_given() {
        String csv = get(REPORT + "?from=2026-10&to=2027-01&groupBy=month,contract", reader, MediaType.parseMediaType("text/csv"))
                .expectStatus().isOk()
                .expectHeader().contentType("text/csv;charset=UTF-8")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(csv).isEqualTo("""
                month,contractId,total,met,breached,cancelled,pending,metRatio\r
                2026-10,contoso,1,1,0,0,0,1\r
                2026-11,contoso,7,3,2,1,1,0.6\r
                2026-11,northwind,7,4,2,0,1,0.6667\r
                2026-12,contoso,1,0,0,0,1,\r
                """);
    }

    @Test
    void json_is_the_default_and_csv_needs_asking_for() {
        get(REPORT + "?from=2026-11&to=2026-12", reader, MediaType.ALL).expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON);
        get(REPORT + "?from=2026-11&to=2026-12", reader, MediaType.APPLICATION_XML).expectStatus().isEqualTo(406)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void a_token_limited_to_a_contract_counts_that_contract_only() {
        String partner = TestTokens.token("partner", List.of(Roles.SLA_READER), List.of(NORTHWIND));
        expectJson("?from=2026-11&to=2026-12&groupBy=contract", partner, """
                {"contractId": "northwind", "total": 7, "met": 4, "breached": 2, "cancelled": 0, "pending": 1, "metRatio": 0.6667}""");
        expectJson("?from=2026-11&to=2026-12", partner, """
                {"total": 7, "met": 4, "breached": 2, "cancelled": 0, "pending": 1, "metRatio": 0.6667}""");
    }

    @Test
    void only_sla_readers_read_reports_and_no_token_is_401() {
        get(REPORT + "?from=2026-11&to=2026-12", null, MediaType.APPLICATION_JSON).expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        for (String role : List.of(Roles.INCIDENT_WRITER, Roles.CONTRACT_ADMIN, Roles.AUDITOR)) {
            get(REPORT + "?from=2026-11&to=2026-12", TestTokens.token("someone", List.of(role), null), MediaType.APPLICATION_JSON)
                    .expectStatus().isForbidden().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void bad_ranges_and_keys_are_400_problems_naming_the_parameter() {
        Map<String, String> refused = Map.ofEntries(
                Map.entry("?to=2026-12", "from"),
                Map.entry("?from=2026-11", "to"),
                Map.entry("?from=2026-12&to=2026-11", "to (2026-11) must come after from (2026-12)"),
                Map.entry("?from=2026-11&to=2026-11", "must come after from"),
                Map.entry("?from=2026-01-01&to=2027-01-02", "longer than a year"),
                Map.entry("?from=2026-13&to=2027-01", "from is not a valid date or month"),
                Map.entry("?from=2026-02-30&to=2026-03", "from is not a valid date or month"),
                Map.entry("?from=2026-11-1&to=2026-12", "from must be a date (2026-11-01) or a month (2026-11)"),
                Map.entry("?from=2026-11-01T00:00:00Z&to=2026-12", "from must be a date"),
                Map.entry("?from=1969-12&to=1970-02", "from must lie between 1970-01-01 and 9999-12-31"),
                Map.entry("?from=2026-11&to=2026-12&groupBy=customer", "groupBy: unknown key 'customer' (expected some of "
                        + "contract, severity, program, month, separated by commas)"),
                Map.entry("?from=2026-11&to=2026-12&groupBy=month,month", "groupBy names 'month' twice"),
                Map.entry("?from=2026-11&to=2026-12&groupBy=contract,,month", "groupBy: not a key"),
                Map.entry("?from=2026-11&to=2026-12&groupBy=Contract", "groupBy: unknown key 'Contract'"));
        refused.forEach((query, detail) -> get(REPORT + query, reader, MediaType.APPLICATION_JSON).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(String.class, value -> assertThat(value).as(query).contains(detail)));
    }
}
