package dev.incidentsla.projection.report;

import dev.incidentsla.api.Channel;
import dev.incidentsla.api.FirstResponseStatus;
import dev.incidentsla.api.RegradeEffect;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaClock;
import dev.incidentsla.api.SlaDecision;
import dev.incidentsla.api.SlaTimer;
import dev.incidentsla.api.TimerParty;
import dev.incidentsla.api.TimerStatus;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.incident.IncidentClosed;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.api.incident.IncidentOpened;
import dev.incidentsla.api.incident.IncidentRegraded;
import dev.incidentsla.api.incident.TimerBreached;
import dev.incidentsla.api.incident.TimerClockStarted;
import dev.incidentsla.api.incident.TimerId;
import dev.incidentsla.api.incident.TimerStarted;
import dev.incidentsla.api.incident.TimerStopped;
import dev.incidentsla.edge.access.Roles;
import dev.incidentsla.edge.access.TestTokens;
import dev.incidentsla.projection.SlaProjectionApplication;
import dev.incidentsla.projection.readmodel.SlaProjector;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reports of the timers beside the first response (SLA-RULES section 9) through the projection's real path:
 * incidents' histories appended to the event store on a real PostgreSQL, the timers' read model built from them by
 * the read model's processor, and the reports read over HTTP with access control on and real signed tokens. The
 * fixture is a month of timers (November 2026, two contracts, every timer and outcome) and a few on each side of
 * it; every expected figure below was counted by hand from the fixture.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OtherTimersReportTest {

    private static final String CONTOSO = "contoso";
    private static final String NORTHWIND = "northwind";
    private static final String REPORTS = "/api/v1/reports/";

    private EmbeddedPostgres postgres;
    private ConfigurableApplicationContext projection;
    private WebTestClient client;
    private final String reader = TestTokens.token("ops", List.of(Roles.SLA_READER), null);
    private final List<DomainEventMessage<?>> history = new ArrayList<>();
    /** Each timer's last event the projection applies to its row, by incident and timer id (what the wait checks). */
    private final Map<List<String>, Long> timerSequences = new HashMap<>();
    private final Map<String, Set<String>> pendingTimers = new HashMap<>();
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
        long timerSequenceSum = timerSequences.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> expected = Map.of("incidents", (long) incidents, "timers", (long) timerSequences.size(),
                "sequences", timerSequenceSum);
        await().atMost(Duration.ofSeconds(30)).until(() -> expected.equals(jdbc.queryForObject(
                "SELECT (SELECT count(*) FROM sla_read_model) AS incidents, count(*) AS timers, "
                        + "coalesce(sum(last_sequence), 0) AS sequences FROM timer_report",
                (rs, n) -> Map.of("incidents", rs.getLong("incidents"), "timers", rs.getLong("timers"),
                        "sequences", rs.getLong("sequences")))));
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
     * Timers by the instant that began them (the submission; support's request to the customer; the RCA's request),
     * with the incident's contract and severity at the outcome; the crit-sit assignment is owed under
     * AZURE_EVENT_MCS, the RCA under AZURE_PLATFORM_MCS, the customer's timers under the incident's program (UNIFIED):
     * <pre>
     * crit-sit-assignment      contoso    #1 met (A)  #2 breached, assigned late (1)  #5 breached as A, then re-graded
     *                                     to B (A)  #6 pending, submitted 30 Nov 23:50 (1)
     *                          northwind  #3 cancelled by the close (A)  #4 cancelled by a re-grade to B (B)
     *                          October: contoso #17 met (A), submitted 31 Oct 23:59:59
     * root-cause-analysis      contoso    #7 requested before the mitigation, delivered in time (B)
     *                                     #9 requested 30 Nov, not mitigated: pending without a clock (B)
     *                          northwind  #8 submitted in October, requested 2 Nov, breached (C)
     *                          December: northwind #10 requested 1 Dec 00:00 (B)
     * customer-change-control  contoso    #11 asked twice: the first met, the second breached and answered late (B)
     *                          northwind  #12 cancelled by the close  #13 pending (B)
     * customer-responsiveness  contoso    #14 breached (C)  #16 cancelled by a re-grade to B (B)
     *                          northwind  #15 met (C)
     * </pre>
     * No first response is recorded: the first-response report of November counts the 15 incidents submitted in it,
     * #3 and #12 cancelled by their close and 13 pending, whatever their other timers did.
     */
    private void recordTheFixture() {
        IncidentOpened first = opened("INC-01", CONTOSO, Severity.A, "UER", "2026-11-02T09:00:00Z");
        TimerStarted critSit = critSit(first);
        stopped(first, critSit, first.submittedAt().plus(Duration.ofMinutes(20)), TimerStatus.MET);

        IncidentOpened second = opened("INC-02", CONTOSO, Severity.SEV_1, "AZURE_RAPID_RESPONSE", "2026-11-03T09:00:00Z");
        critSit = critSit(second);
        breached(second, critSit);
        stopped(second, critSit, second.submittedAt().plus(Duration.ofMinutes(50)), TimerStatus.BREACHED);

        IncidentOpened third = opened("INC-03", NORTHWIND, Severity.A, "UER", "2026-11-04T09:00:00Z");
        critSit = critSit(third);
        closed(third, third.submittedAt().plus(Duration.ofMinutes(10)));
        stopped(third, critSit, third.submittedAt().plus(Duration.ofMinutes(10)), TimerStatus.CANCELLED);

        IncidentOpened fourth = opened("INC-04", NORTHWIND, Severity.A, "UER", "2026-11-05T09:00:00Z");
        critSit = critSit(fourth);
        Instant lowered = fourth.submittedAt().plus(Duration.ofMinutes(5));
        regraded(fourth, Severity.A, Severity.B, lowered);
        stopped(fourth, critSit, lowered, TimerStatus.CANCELLED);

        IncidentOpened fifth = opened("INC-05", CONTOSO, Severity.A, "UER", "2026-11-06T09:00:00Z");
        critSit = critSit(fifth);
        breached(fifth, critSit);
        regraded(fifth, Severity.A, Severity.B, fifth.submittedAt().plus(Duration.ofHours(2)));

        critSit(opened("INC-06", CONTOSO, Severity.SEV_1, "AZURE_RAPID_RESPONSE", "2026-11-30T23:50:00Z"));

        IncidentOpened seventh = opened("INC-07", CONTOSO, Severity.B, "UNIFIED", "2026-11-09T09:00:00Z");
        TimerStarted rca = rcaRequested(seventh, Instant.parse("2026-11-10T10:00:00Z"), null);
        Instant mitigated = Instant.parse("2026-11-12T15:00:00Z");
        append(seventh, new TimerClockStarted(seventh.incidentId(), rca.timerId(), SlaTimer.ROOT_CAUSE_ANALYSIS, mitigated,
                Instant.parse("2026-11-26T17:00:00Z"), null, "clock from the mitigation"), rca);
        stopped(seventh, rca, Instant.parse("2026-11-20T12:00:00Z"), TimerStatus.MET);

        IncidentOpened eighth = opened("INC-08", NORTHWIND, Severity.C, "UNIFIED", "2026-10-25T09:00:00Z");
        rca = rcaRequested(eighth, Instant.parse("2026-11-02T10:00:00Z"), Instant.parse("2026-11-02T10:00:00Z"));
        breached(eighth, rca);

        rcaRequested(opened("INC-09", CONTOSO, Severity.B, "UNIFIED", "2026-11-25T09:00:00Z"),
                Instant.parse("2026-11-30T20:00:00Z"), null);
        rcaRequested(opened("INC-10", NORTHWIND, Severity.B, "UNIFIED", "2026-11-20T09:00:00Z"),
                Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"));

        IncidentOpened eleventh = opened("INC-11", CONTOSO, Severity.B, "UNIFIED", "2026-11-11T09:00:00Z");
        TimerStarted asked = customer(eleventh, SlaTimer.CUSTOMER_CHANGE_CONTROL, 1, eleventh.submittedAt().plus(Duration.ofHours(1)));
        stopped(eleventh, asked, asked.requestedAt().plus(Duration.ofHours(2)), TimerStatus.MET);
        asked = customer(eleventh, SlaTimer.CUSTOMER_CHANGE_CONTROL, 2, eleventh.submittedAt().plus(Duration.ofDays(1)));
        breached(eleventh, asked);
        stopped(eleventh, asked, asked.requestedAt().plus(Duration.ofHours(6)), TimerStatus.BREACHED);

        IncidentOpened twelfth = opened("INC-12", NORTHWIND, Severity.B, "UNIFIED", "2026-11-12T09:00:00Z");
        asked = customer(twelfth, SlaTimer.CUSTOMER_CHANGE_CONTROL, 1, twelfth.submittedAt().plus(Duration.ofHours(1)));
        closed(twelfth, twelfth.submittedAt().plus(Duration.ofHours(2)));
        stopped(twelfth, asked, twelfth.submittedAt().plus(Duration.ofHours(2)), TimerStatus.CANCELLED);

        IncidentOpened thirteenth = opened("INC-13", NORTHWIND, Severity.B, "UNIFIED", "2026-11-13T09:00:00Z");
        customer(thirteenth, SlaTimer.CUSTOMER_CHANGE_CONTROL, 1, thirteenth.submittedAt().plus(Duration.ofHours(1)));

        IncidentOpened fourteenth = opened("INC-14", CONTOSO, Severity.C, "UNIFIED", "2026-11-14T09:00:00Z");
        breached(fourteenth, customer(fourteenth, SlaTimer.CUSTOMER_RESPONSIVENESS, 1, fourteenth.submittedAt().plus(Duration.ofHours(1))));

        IncidentOpened fifteenth = opened("INC-15", NORTHWIND, Severity.C, "UNIFIED", "2026-11-15T09:00:00Z");
        asked = customer(fifteenth, SlaTimer.CUSTOMER_RESPONSIVENESS, 1, fifteenth.submittedAt().plus(Duration.ofHours(1)));
        stopped(fifteenth, asked, asked.requestedAt().plus(Duration.ofHours(5)), TimerStatus.MET);

        IncidentOpened sixteenth = opened("INC-16", CONTOSO, Severity.C, "UNIFIED", "2026-11-16T09:00:00Z");
        asked = customer(sixteenth, SlaTimer.CUSTOMER_RESPONSIVENESS, 1, sixteenth.submittedAt().plus(Duration.ofHours(1)));
        Instant raised = sixteenth.submittedAt().plus(Duration.ofHours(3));
        regraded(sixteenth, Severity.C, Severity.B, raised);
        stopped(sixteenth, asked, raised, TimerStatus.CANCELLED);

        IncidentOpened october = opened("INC-17", CONTOSO, Severity.A, "UER", "2026-10-31T23:59:59Z");
        stopped(october, critSit(october), october.submittedAt().plus(Duration.ofMinutes(10)), TimerStatus.MET);
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
        append(opened, opened, null);
        return opened;
    }

    private TimerStarted critSit(IncidentOpened incident) {
        Instant submitted = incident.submittedAt();
        return started(incident, new TimerStarted(incident.incidentId(), new TimerId("crit-sit-assignment-1"),
                SlaTimer.CRIT_SIT_ASSIGNMENT, TimerParty.MICROSOFT, "event-mcs.crit-sit-assignment", "AZURE_EVENT_MCS", submitted, submitted,
                submitted.plus(Duration.ofMinutes(30)), submitted.plus(Duration.ofSeconds(1350)), "PT30M",
                SlaClock.ROUND_THE_CLOCK, "test", "30 minutes round the clock"));
    }

    /** An RCA requested at {@code requestedAt}; its clock runs from {@code startedAt}, null until a mitigation. */
    private TimerStarted rcaRequested(IncidentOpened incident, Instant requestedAt, Instant startedAt) {
        return started(incident, new TimerStarted(incident.incidentId(), new TimerId("root-cause-analysis-1"),
                SlaTimer.ROOT_CAUSE_ANALYSIS, TimerParty.MICROSOFT, "platform-mcs.root-cause-analysis", "AZURE_PLATFORM_MCS", requestedAt, startedAt,
                startedAt == null ? null : startedAt.plus(Duration.ofDays(14)), null, "P10D", SlaClock.BUSINESS_HOURS, "test",
                "10 working days"));
    }

    private TimerStarted customer(IncidentOpened incident, SlaTimer timer, int instance, Instant requestedAt) {
        boolean changeControl = timer == SlaTimer.CUSTOMER_CHANGE_CONTROL;
        Duration target = changeControl ? Duration.ofHours(4) : Duration.ofHours(24);
        return started(incident, new TimerStarted(incident.incidentId(),
                new TimerId(timer.name().toLowerCase().replace('_', '-') + "-" + instance), timer, TimerParty.CUSTOMER,
                changeControl ? "customer.sev-b.change-control" : "customer.sev-c.responsiveness",
                incident.firstResponse().program(), requestedAt, requestedAt,
                requestedAt.plus(target), null, target.toString(), changeControl ? SlaClock.BUSINESS_HOURS : SlaClock.ROUND_THE_CLOCK,
                "test", "asked by support"));
    }

    private TimerStarted started(IncidentOpened incident, TimerStarted started) {
        append(incident, started, started);
        pendingTimers.computeIfAbsent(incident.incidentId().value(), key -> new LinkedHashSet<>()).add(started.timerId().value());
        return started;
    }

    private void breached(IncidentOpened incident, TimerStarted timer) {
        Instant dueAt = timer.dueAt();
        append(incident, new TimerBreached(incident.incidentId(), timer.timerId(), timer.timer(), timer.party(),
                incident.contractId(), severityNow(incident), incident.product(), timer.program(), timer.rule(), timer.target(),
                timer.clock(), incident.submittedAt(), timer.startedAt(), dueAt, dueAt.plusSeconds(1)), timer);
        pendingTimers.get(incident.incidentId().value()).remove(timer.timerId().value());
    }

    private void stopped(IncidentOpened incident, TimerStarted timer, Instant at, TimerStatus status) {
        append(incident, new TimerStopped(incident.incidentId(), timer.timerId(), timer.timer(), timer.party(), at, timer.dueAt(),
                status), timer);
        pendingTimers.get(incident.incidentId().value()).remove(timer.timerId().value());
    }

    private void closed(IncidentOpened incident, Instant at) {
        append(incident, new IncidentClosed(incident.incidentId(), at, "resolved", FirstResponseStatus.CANCELLED), null);
    }

    private final Map<String, Severity> regradedTo = new HashMap<>();

    private Severity severityNow(IncidentOpened incident) {
        return regradedTo.getOrDefault(incident.incidentId().value(), incident.severity());
    }

    /** A re-grade follows the incident's pending timers: it is their last event too. */
    private void regraded(IncidentOpened incident, Severity from, Severity to, Instant at) {
        SlaDecision recomputed = decision("UNIFIED", to, at, Duration.ofHours(4));
        long sequence = append(incident, new IncidentRegraded(incident.incidentId(), from, false, to, false, "customer request",
                at, from.ordinal() < to.ordinal() ? RegradeEffect.DOWNGRADE_RECOMPUTED : RegradeEffect.UPGRADE_RECOMPUTED,
                recomputed, FirstResponseStatus.PENDING), null);
        regradedTo.put(incident.incidentId().value(), to);
        pendingTimers.getOrDefault(incident.incidentId().value(), Set.of()).forEach(timerId ->
                timerSequences.put(List.of(incident.incidentId().value(), timerId), sequence));
    }

    private long append(IncidentOpened incident, Object event, TimerStarted timer) {
        String aggregate = "incident:" + incident.incidentId().value();
        long sequence = history.stream().filter(message -> message.getAggregateIdentifier().equals(aggregate)).count();
        history.add(new GenericDomainEventMessage<>("Incident", aggregate, sequence, event));
        if (timer != null) {
            timerSequences.put(List.of(incident.incidentId().value(), timer.timerId().value()), sequence);
        }
        return sequence;
    }

    private WebTestClient.ResponseSpec get(String uri, String token, MediaType accept) {
        WebTestClient.RequestHeadersSpec<?> request = client.get().uri(uri).accept(accept);
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        return request.exchange();
    }

    private void expectJson(String timer, String query, String token, String rows) {
        get(REPORTS + timer + query, token, MediaType.APPLICATION_JSON).expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody().json("{\"rows\": [" + rows + "]}", JsonCompareMode.STRICT);
    }

    @Test
    void crit_sit_assignment_counts_each_outcome_under_the_severity_at_the_outcome() {
        expectJson("crit-sit-assignment", "?from=2026-11&to=2026-12&groupBy=contract,severity,program,month", reader, """
                {"party": "MICROSOFT", "contractId": "contoso", "severity": "1", "program": "AZURE_EVENT_MCS",
                 "month": "2026-11", "total": 2, "met": 0, "breached": 1, "cancelled": 0, "pending": 1, "metRatio": 0},
                {"party": "MICROSOFT", "contractId": "contoso", "severity": "A", "program": "AZURE_EVENT_MCS", "month": "2026-11",
                 "total": 2, "met": 1, "breached": 1, "cancelled": 0, "pending": 0, "metRatio": 0.5},
                {"party": "MICROSOFT", "contractId": "northwind", "severity": "A", "program": "AZURE_EVENT_MCS", "month": "2026-11",
                 "total": 1, "met": 0, "breached": 0, "cancelled": 1, "pending": 0, "metRatio": null},
                {"party": "MICROSOFT", "contractId": "northwind", "severity": "B", "program": "AZURE_EVENT_MCS", "month": "2026-11",
                 "total": 1, "met": 0, "breached": 0, "cancelled": 1, "pending": 0, "metRatio": null}""");
        expectJson("crit-sit-assignment", "?from=2026-10&to=2027-01&groupBy=month", reader, """
                {"party": "MICROSOFT", "month": "2026-10", "total": 1, "met": 1, "breached": 0, "cancelled": 0, "pending": 0,
                 "metRatio": 1},
                {"party": "MICROSOFT", "month": "2026-11", "total": 6, "met": 1, "breached": 2, "cancelled": 2, "pending": 1,
                 "metRatio": 0.3333}""");
    }

    @Test
    void a_root_cause_analysis_is_placed_by_its_request_even_before_its_clock_starts() {
        expectJson("root-cause-analysis", "?from=2026-11&to=2026-12&groupBy=contract,severity,program", reader, """
                {"party": "MICROSOFT", "contractId": "contoso", "severity": "B", "program": "AZURE_PLATFORM_MCS",
                 "total": 2, "met": 1, "breached": 0, "cancelled": 0, "pending": 1, "metRatio": 1},
                {"party": "MICROSOFT", "contractId": "northwind", "severity": "C", "program": "AZURE_PLATFORM_MCS",
                 "total": 1, "met": 0, "breached": 1, "cancelled": 0, "pending": 0, "metRatio": 0}""");
        expectJson("root-cause-analysis", "?from=2026-10&to=2027-01&groupBy=month", reader, """
                {"party": "MICROSOFT", "month": "2026-11", "total": 3, "met": 1, "breached": 1, "cancelled": 0, "pending": 1,
                 "metRatio": 0.5},
                {"party": "MICROSOFT", "month": "2026-12", "total": 1, "met": 0, "breached": 0, "cancelled": 0, "pending": 1,
                 "metRatio": null}""");
    }

    @Test
    void customer_timers_are_reported_as_the_customers_every_instance_counted() {
        expectJson("customer-change-control", "?from=2026-11&to=2026-12&groupBy=contract,severity,program", reader, """
                {"party": "CUSTOMER", "contractId": "contoso", "severity": "B", "program": "UNIFIED",
                 "total": 2, "met": 1, "breached": 1, "cancelled": 0, "pending": 0, "metRatio": 0.5},
                {"party": "CUSTOMER", "contractId": "northwind", "severity": "B", "program": "UNIFIED",
                 "total": 2, "met": 0, "breached": 0, "cancelled": 1, "pending": 1, "metRatio": null}""");
        expectJson("customer-responsiveness", "?from=2026-11&to=2026-12&groupBy=contract,severity", reader, """
                {"party": "CUSTOMER", "contractId": "contoso", "severity": "B",
                 "total": 1, "met": 0, "breached": 0, "cancelled": 1, "pending": 0, "metRatio": null},
                {"party": "CUSTOMER", "contractId": "contoso", "severity": "C",
                 "total": 1, "met": 0, "breached": 1, "cancelled": 0, "pending": 0, "metRatio": 0},
                {"party": "CUSTOMER", "contractId": "northwind", "severity": "C",
                 "total": 1, "met": 1, "breached": 0, "cancelled": 0, "pending": 0, "metRatio": 1}""");
    }

    @Test
    void no_other_timer_is_counted_in_the_first_response_report_which_does_not_say_party() {
        get(REPORTS + "first-response?from=2026-11&to=2026-12", reader, MediaType.APPLICATION_JSON).expectStatus().isOk()
                .expectBody().json("""
                        {"rows": [{"total": 15, "met": 0, "breached": 0, "cancelled": 2, "pending": 13, "metRatio": null}]}""",
                        JsonCompareMode.STRICT);
    }

    @Test
    void replaying_the_histories_from_the_start_changes_no_row() {
        JdbcTemplate jdbc = projection.getBean(JdbcTemplate.class);
        String everyRow = "SELECT * FROM timer_report ORDER BY incident_id, timer_id";
        List<Map<String, Object>> before = jdbc.queryForList(everyRow);
        assertThat(before).hasSize(timerSequences.size());
        StreamingEventProcessor readModel = projection.getBean(EventProcessingConfiguration.class)
                .eventProcessor(SlaProjector.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
        long head = readModel.processingStatus().values().stream().mapToLong(segment -> segment.getCurrentPosition().orElse(-1))
                .max().orElseThrow();
        readModel.shutDown();
        readModel.resetTokens();
        readModel.start();
        // a replayed segment stays "replaying" until an event beyond the reset arrives: wait for the head instead
        await().atMost(Duration.ofSeconds(30)).until(() -> readModel.processingStatus().size() == 2 && readModel.processingStatus()
                .values().stream().allMatch(segment -> segment.isReplaying() && segment.isCaughtUp()
                        && segment.getCurrentPosition().orElse(-1) >= head));
        assertThat(jdbc.queryForList(everyRow)).isEqualTo(before);
    }

    @Test
    void csv_says_the_party_after_the_keys() {
        String csv = get(REPORTS + "customer-change-control?from=2026-11&to=2026-12&groupBy=contract", reader,
                MediaType.parseMediaType("text/csv"))
                .expectStatus().isOk()
                .expectHeader().contentType("text/csv;charset=UTF-8")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(csv).isEqualTo("""
                contractId,party,total,met,breached,cancelled,pending,metRatio\r
                contoso,CUSTOMER,2,1,1,0,0,0.5\r
                northwind,CUSTOMER,2,0,0,1,1,\r
                """);
        csv = get(REPORTS + "crit-sit-assignment?from=2026-12&to=2027-01", reader, MediaType.parseMediaType("text/csv"))
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(csv).isEqualTo("party,total,met,breached,cancelled,pending,metRatio\r\nMICROSOFT,0,0,0,0,0,\r\n");
    }

    @Test
    void a_token_limited_to_a_contract_counts_that_contract_only() {
        String partner = TestTokens.token("partner", List.of(Roles.SLA_READER), List.of(NORTHWIND));
        expectJson("crit-sit-assignment", "?from=2026-11&to=2026-12&groupBy=contract", partner, """
                {"party": "MICROSOFT", "contractId": "northwind", "total": 2, "met": 0, "breached": 0, "cancelled": 2,
                 "pending": 0, "metRatio": null}""");
        expectJson("customer-responsiveness", "?from=2026-11&to=2026-12", partner, """
                {"party": "CUSTOMER", "total": 1, "met": 1, "breached": 0, "cancelled": 0, "pending": 0, "metRatio": 1}""");
    }

    @Test
    void an_unknown_timer_is_a_404_problem_whatever_the_query() {
        for (String path : List.of("crit-sit?from=2026-11&to=2026-12", "CRIT-SIT-ASSIGNMENT?from=2026-11&to=2026-12",
                "crit_sit_assignment", "first_response?from=bad", "FIRST_RESPONSE?from=2026-11&to=2026-12")) {
            get(REPORTS + path, reader, MediaType.APPLICATION_JSON).expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.detail").value(String.class, detail -> assertThat(detail).as(path)
                            .startsWith("no report of a timer").contains("expected one of first-response, crit-sit-assignment, "
                                    + "root-cause-analysis, customer-change-control, customer-responsiveness"));
        }
    }

    @Test
    void only_sla_readers_read_reports_and_no_token_is_401() {
        get(REPORTS + "root-cause-analysis?from=2026-11&to=2026-12", null, MediaType.APPLICATION_JSON).expectStatus()
                .isUnauthorized().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        for (String role : List.of(Roles.INCIDENT_WRITER, Roles.CONTRACT_ADMIN, Roles.AUDITOR)) {
            get(REPORTS + "root-cause-analysis?from=2026-11&to=2026-12", TestTokens.token("someone", List.of(role), null),
                    MediaType.APPLICATION_JSON).expectStatus().isForbidden()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void bad_ranges_and_keys_are_the_same_400_problems_as_the_first_responses() {
        Map<String, String> refused = Map.of(
                "?to=2026-12", "from",
                "?from=2026-11", "to",
                "?from=2026-12&to=2026-11", "to (2026-11) must come after from (2026-12)",
                "?from=2026-01-01&to=2027-01-02", "longer than a year",
                "?from=2026-02-30&to=2026-03", "from is not a valid date or month",
                "?from=2026-11&to=2026-12&groupBy=party", "groupBy: unknown key 'party'",
                "?from=2026-11&to=2026-12&groupBy=month,month", "groupBy names 'month' twice");
        refused.forEach((query, detail) -> get(REPORTS + "customer-responsiveness" + query, reader, MediaType.APPLICATION_JSON)
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(String.class, value -> assertThat(value).as(query).contains(detail)));
    }
}
