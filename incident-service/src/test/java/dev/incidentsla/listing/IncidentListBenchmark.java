package dev.incidentsla.listing;

import dev.incidentsla.api.FirstResponseStatus;
import dev.incidentsla.api.Severity;
import dev.incidentsla.service.IncidentServiceApplication;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * GET /api/v1/incidents at a million incidents: the service in this JVM on an embedded PostgreSQL, a few real
 * incidents opened over REST and listed by the processor, then copied in SQL into {@code rows} list rows (new ids, 1,000
 * contracts, submissions spread over a year, mostly closed and met). For each filter combination it prints the plan of
 * the page query (EXPLAIN ANALYZE, the SQL ListingQuery builds) and the median and worst time of the whole request over
 * HTTP, first page and a page deep in the list. Run: see BENCHMARKS.md, "Listing incidents (issue 11)".
 */
public final class IncidentListBenchmark {

    private static final int ROWS = Integer.getInteger("rows", 1_000_000);
    private static final int RUNS = Integer.getInteger("runs", 25);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private IncidentListBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String database = Files.createTempDirectory("incident-list-bench").toString();
        // arguments, not the builder's default properties: application.yaml's port and database directory win over those
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(IncidentServiceApplication.class).run(
                "--server.port=0", "--incident-sla.embedded-database.directory=" + database,
                "--incident-sla.embedded-database.durable=false", "--logging.level.root=WARN")) {
            String base = "http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port");
            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
            List<String> templates = openTemplates(base);
            while (jdbc.queryForObject("SELECT count(*) FROM incident_list", Integer.class) < templates.size()) {
                Thread.sleep(100);
            }
            // the copies' rows are written with their events: the processor would only read those events again
            service.getBean(EventProcessingConfiguration.class).eventProcessor(IncidentListProjector.PROCESSING_GROUP)
                    .ifPresent(EventProcessor::shutDown);
            long generating = System.nanoTime();
            generate(jdbc, templates);
            System.out.printf("%,d rows generated and analyzed in %d s; table %s, indexes %s%n", ROWS,
                    (System.nanoTime() - generating) / 1_000_000_000,
                    jdbc.queryForObject("SELECT pg_size_pretty(pg_total_relation_size('incident_list'))", String.class),
                    jdbc.queryForObject("SELECT pg_size_pretty(pg_indexes_size('incident_list'))", String.class));
            jdbc.queryForList("SELECT status, first_response_status, count(*) FROM incident_list GROUP BY 1, 2 ORDER BY 1, 2")
                    .forEach(row -> System.out.println("  " + row.values()));

            Instant deep = jdbc.queryForObject("SELECT submitted_at FROM incident_list ORDER BY submitted_at DESC OFFSET ? LIMIT 1",
                    java.time.OffsetDateTime.class, ROWS / 2).toInstant();
            Map<String, IncidentFilter> filters = new LinkedHashMap<>();
            filters.put("no filter", new IncidentFilter(null, null, null, null, null, null));
            filters.put("contractId", new IncidentFilter("contract-17", null, null, null, null, null));
            filters.put("contractId, status=OPEN", new IncidentFilter("contract-17", "OPEN", null, null, null, null));
            filters.put("status=OPEN", new IncidentFilter(null, "OPEN", null, null, null, null));
            filters.put("severity=1", new IncidentFilter(null, null, Severity.SEV_1, null, null, null));
            filters.put("firstResponseStatus=PENDING", new IncidentFilter(null, null, null, FirstResponseStatus.PENDING, null, null));
            filters.put("firstResponseStatus=BREACHED", new IncidentFilter(null, null, null, FirstResponseStatus.BREACHED, null, null));
            filters.put("submittedFrom/To (one week)", new IncidentFilter(null, null, null, null,
                    deep.minus(Duration.ofDays(7)), deep));
            filters.put("contractId, severity=B, firstResponseStatus=MET, submittedFrom", new IncidentFilter("contract-17",
                    null, Severity.B, FirstResponseStatus.MET, Instant.now().minus(Duration.ofDays(180)), null));
            filters.put("status=CLOSED, severity=C, firstResponseStatus=CANCELLED", new IncidentFilter(null, "CLOSED",
                    Severity.C, FirstResponseStatus.CANCELLED, null, null));

            System.out.println();
            System.out.println("| filters | first page (50) median / max | page after half the list (50) median / max | first page (500) median |");
            System.out.println("|---|---|---|---|");
            List<String> plans = new ArrayList<>();
            for (Map.Entry<String, IncidentFilter> entry : filters.entrySet()) {
                IncidentFilter filter = entry.getValue();
                String query = query(filter);
                String after = new ListCursor(deep, "~").encode(filter);
                double[] first = time(base, query + "&limit=50");
                double[] deepPage = time(base, query + "&limit=50&after=" + after);
                double[] wide = time(base, query + "&limit=500");
                System.out.printf("| %s | %.1f / %.1f ms | %.1f / %.1f ms | %.1f ms |%n", entry.getKey(), first[0], first[1],
                        deepPage[0], deepPage[1], wide[0]);
                ListingQuery.Sql sql = ListingQuery.page(filter, filter.contractId() == null ? null : List.of(filter.contractId()),
                        Instant.now(), null, 51);
                StringBuilder plan = new StringBuilder("### " + entry.getKey() + " (first page of 50)\n");
                jdbc.queryForList("EXPLAIN (ANALYZE, BUFFERS) " + sql.text(), String.class, sql.parameters().toArray())
                        .forEach(line -> plan.append(line).append('\n'));
                plans.add(plan.toString());
            }
            System.out.println();
            plans.forEach(System.out::println);
            tokenOfManyContracts(service.getBean(IncidentList.class), jdbc, deep);
        }
    }

    /**
     * A token whose contracts claim holds 500 contracts (half of them), read as one contract set per combination of
     * the other columns: the time of the list's own call (the query and the items' views, no HTTP, as access control
     * is off here) and the page query's plans.
     */
    private static void tokenOfManyContracts(IncidentList list, JdbcTemplate jdbc, Instant deep) {
        Set<String> claim = IntStream.range(0, 500).mapToObj(i -> "contract-" + i).collect(Collectors.toSet());
        List<String> contracts = claim.stream().sorted().toList();
        Map<String, IncidentFilter> filters = new LinkedHashMap<>();
        filters.put("no filter", new IncidentFilter(null, null, null, null, null, null));
        filters.put("status=OPEN", new IncidentFilter(null, "OPEN", null, null, null, null));
        System.out.println();
        System.out.println("| a token of 500 contracts | first page (50) median / max | page after half the list (50) median / max |");
        System.out.println("|---|---|---|");
        List<String> plans = new ArrayList<>();
        for (Map.Entry<String, IncidentFilter> entry : filters.entrySet()) {
            IncidentFilter filter = entry.getValue();
            String after = new ListCursor(deep, "~").encode(filter);
            double[] first = time(() -> list.list(filter, claim, 50, null));
            double[] deepPage = time(() -> list.list(filter, claim, 50, after));
            System.out.printf("| %s | %.1f / %.1f ms | %.1f / %.1f ms |%n", entry.getKey(), first[0], first[1],
                    deepPage[0], deepPage[1]);
            for (ListCursor cursor : Arrays.asList(null, new ListCursor(deep, "~"))) {
                ListingQuery.Sql sql = ListingQuery.page(filter, contracts, Instant.now(), cursor, 51);
                StringBuilder plan = new StringBuilder("### a token of 500 contracts, " + entry.getKey()
                        + (cursor == null ? " (first page of 50)" : " (page after half the list)") + "\n");
                jdbc.queryForList("EXPLAIN (ANALYZE, BUFFERS) " + sql.text(), String.class, sql.parameters().toArray())
                        .forEach(line -> plan.append(line).append('\n'));
                plans.add(plan.toString());
            }
        }
        System.out.println();
        plans.forEach(System.out::println);
    }

    /** Median and worst milliseconds of a call, after two unmeasured ones. */
    private static double[] time(Runnable call) {
        double[] millis = new double[RUNS];
        for (int run = -2; run < RUNS; run++) {
            long start = System.nanoTime();
            call.run();
            if (run >= 0) {
                millis[run] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(millis);
        return new double[]{millis[RUNS / 2], millis[RUNS - 1]};
    }

    /** A few real incidents of each kind, through the API; answers their ids. */
    private static List<String> openTemplates(String base) throws IOException, InterruptedException {
        send("PUT", base + "/api/v1/contracts/bench-contract", """
                {"customerName": "Bench", "supportLocation": {"timeZone": "Asia/Jakarta", "country": "ID"},
                 "programs": [{"program": "UER"}]}""");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<String> ids = new ArrayList<>();
        String[][] kinds = {{"met-closed", "B", "respond,close"}, {"cancelled", "C", "close"}, {"breached", "1", ""},
                {"met-open", "A", "respond"}, {"pending", "B", ""}};
        for (String[] kind : kinds) {
            String id = "TEMPLATE-" + kind[0];
            Instant submittedAt = kind[0].equals("pending") ? now : now.minus(Duration.ofDays(3));
            send("POST", base + "/api/v1/incidents", """
                    {"incidentId": "%s", "contractId": "bench-contract", "severity": "%s", "product": "azure-virtual-machines",
                     "channel": "WEB", "submittedAt": "%s", "title": "VM scale set cannot start"}""".formatted(id, kind[1], submittedAt));
            for (String command : kind[2].split(",")) {
                if (command.equals("respond")) {
                    send("POST", base + "/api/v1/incidents/" + id + "/first-response", """
                            {"respondedAt": "%s", "channel": "PHONE", "engineer": "alice"}""".formatted(submittedAt.plusSeconds(60)));
                } else if (command.equals("close")) {
                    send("POST", base + "/api/v1/incidents/" + id + "/close", """
                            {"closedAt": "%s", "resolution": "fixed"}""".formatted(submittedAt.plusSeconds(120)));
                }
            }
            ids.add(id);
        }
        return ids;
    }

    /**
     * Copies the templates into {@link #ROWS} rows: 90 % closed and met, 4 % cancelled, 3 % breached, 2 % met and
     * open, 1 % pending; 1,000 contracts; one submission every 31.5 s back from now (a year).
     */
    private static void generate(JdbcTemplate jdbc, List<String> templates) {
        String copies = """
                FROM generate_series(1, ?) AS i
                JOIN incident_list t ON t.incident_id = CASE WHEN i % 100 < 90 THEN ? WHEN i % 100 < 94 THEN ?
                    WHEN i % 100 < 97 THEN ? WHEN i % 100 < 99 THEN ? ELSE ? END""";
        Object[] parameters = {ROWS - templates.size(), templates.get(0), templates.get(1), templates.get(2),
                templates.get(3), templates.get(4)};
        jdbc.update("""
                INSERT INTO incident_list (incident_id, contract_id, status, severity, first_response_status,
                                           first_response_due_at, submitted_at, last_sequence)
                SELECT 'INC-' || lpad(i::text, 8, '0'), 'contract-' || (i % 1000), t.status, t.severity,
                       t.first_response_status, t.first_response_due_at,
                       now() - (i * interval '31.5 seconds') - interval '1 hour', t.last_sequence
                """ + copies, parameters);
        // the items of a page are folded from the incidents' events: each copy gets its template's, renamed
        jdbc.update("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                                                payload_type, payload_revision, payload, meta_data)
                SELECT gen_random_uuid()::text, 'incident:INC-' || lpad(i::text, 8, '0'), e.sequence_number, e.type,
                       e.time_stamp, e.payload_type, e.payload_revision,
                       convert_to(replace(replace(convert_from(e.payload, 'UTF8'), '"' || t.incident_id || '"',
                               '"INC-' || lpad(i::text, 8, '0') || '"'), '"bench-contract"', '"contract-' || (i % 1000) || '"'),
                               'UTF8'), e.meta_data
                """ + copies + """

                JOIN domain_event_entry e ON e.aggregate_identifier = 'incident:' || t.incident_id""", parameters);
        jdbc.execute("VACUUM ANALYZE incident_list");
        jdbc.execute("VACUUM ANALYZE domain_event_entry");
    }

    private static String query(IncidentFilter filter) {
        List<String> parts = new ArrayList<>();
        if (filter.contractId() != null) {
            parts.add("contractId=" + filter.contractId());
        }
        if (filter.status() != null) {
            parts.add("status=" + filter.status());
        }
        if (filter.severity() != null) {
            parts.add("severity=" + filter.severity().code());
        }
        if (filter.firstResponseStatus() != null) {
            parts.add("firstResponseStatus=" + filter.firstResponseStatus());
        }
        if (filter.submittedFrom() != null) {
            parts.add("submittedFrom=" + filter.submittedFrom());
        }
        if (filter.submittedTo() != null) {
            parts.add("submittedTo=" + filter.submittedTo());
        }
        return "/api/v1/incidents?" + String.join("&", parts);
    }

    /** Median and worst milliseconds of the request, after two unmeasured ones. */
    private static double[] time(String base, String pathAndQuery) throws IOException, InterruptedException {
        double[] millis = new double[RUNS];
        for (int run = -2; run < RUNS; run++) {
            long start = System.nanoTime();
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            long elapsed = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
            }
            if (run >= 0) {
                millis[run] = elapsed / 1e6;
            }
        }
        Arrays.sort(millis);
        return new double[]{millis[RUNS / 2], millis[RUNS - 1]};
    }

    private static void send(String method, String uri, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(uri)).method(method,
                        HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + uri + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}
