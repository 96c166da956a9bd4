package dev.incidentsla.service.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentsla.api.incident.IncidentOpened;
import dev.incidentsla.eventstore.PolledEvents;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * GET /api/v1/incidents over the real read model: the list is eventually consistent, so every test waits for it to
 * show what the incidents' own views show. Jakarta is UTC+7; the clock stands at Saturday 2026-11-21 12:00 UTC.
 */
class IncidentListApiTest extends ApiTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CATCH_UP = Duration.ofSeconds(30);
    private static final Comparator<JsonNode> NEWEST_FIRST = Comparator
            .comparing((JsonNode view) -> Instant.parse(view.path("submittedAt").asText()))
            .thenComparing(view -> view.path("incidentId").asText())
            .reversed();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    PolledEvents incidentListEvents;

    @Test
    void filters_combine_and_each_item_is_exactly_the_incidents_own_view() {
        String contract = jakartaContract("{\"program\": \"UER\"}");
        String other = putContract("fabrikam-" + suffix, """
                {"customerName": "Fabrikam", "supportLocation": {"timeZone": "Asia/Jakarta", "country": "ID"}}""");
        String pending = open("pending", contract, "B", "2026-11-20T10:00:00Z");
        String cancelled = open("cancelled", contract, "C", "2026-11-20T11:00:00Z");
        post("/api/v1/incidents/{id}/close", "{\"closedAt\": \"2026-11-20T11:30:00Z\", \"resolution\": \"duplicate\"}", cancelled)
                .expectStatus().isOk();
        String met = open("met", contract, "B", "2026-11-20T09:00:00Z");
        post("/api/v1/incidents/{id}/first-response", "{\"respondedAt\": \"2026-11-20T09:30:00Z\", \"channel\": \"PHONE\"}", met)
                .expectStatus().isOk();
        String breached = open("breached", contract, "1", "2026-11-21T09:00:00Z");
        String regraded = open("regraded", contract, "C", "2026-11-21T11:00:00Z");
        post("/api/v1/incidents/{id}/regrade", "{\"severity\": \"A\", \"at\": \"2026-11-21T11:10:00Z\"}", regraded)
                .expectStatus().isOk();
        open("elsewhere", other, "B", "2026-11-20T10:00:00Z");
        List<String> incidents = List.of(pending, cancelled, met, breached, regraded);

        List<JsonNode> views = awaitListed(contract, incidents);
        assertThat(views.stream().map(view -> view.path("firstResponse").path("status").asText()))
                .as("the contract's incidents cover every first-response status")
                .contains("PENDING", "MET", "BREACHED", "CANCELLED");
        assertThat(views.stream().map(view -> view.path("severity").asText())).contains("A", "B", "C", "1");

        assertListed("contractId=" + contract + "&status=CLOSED", views, view -> view.path("status").asText().equals("CLOSED"));
        assertListed("contractId=" + contract + "&status=OPEN", views, view -> view.path("status").asText().equals("OPEN"));
        assertListed("contractId=" + contract + "&severity=A", views, view -> view.path("severity").asText().equals("A"));
        assertListed("contractId=" + contract + "&severity=B", views, view -> view.path("severity").asText().equals("B"));
        assertListed("contractId=" + contract + "&severity=1", views, view -> view.path("severity").asText().equals("1"));
        for (String status : List.of("PENDING", "MET", "BREACHED", "CANCELLED")) {
            assertListed("contractId=" + contract + "&firstResponseStatus=" + status, views,
                    view -> view.path("firstResponse").path("status").asText().equals(status));
        }
        assertListed("contractId=" + contract + "&submittedFrom=2026-11-20T10:00:00Z&submittedTo=2026-11-21T11:00:00Z", views,
                view -> !Instant.parse(view.path("submittedAt").asText()).isBefore(Instant.parse("2026-11-20T10:00:00Z"))
                        && Instant.parse(view.path("submittedAt").asText()).isBefore(Instant.parse("2026-11-21T11:00:00Z")));
        assertListed("contractId=" + contract + "&status=OPEN&severity=B&firstResponseStatus=PENDING"
                        + "&submittedFrom=2026-11-20T00:00:00Z", views,
                view -> view.path("status").asText().equals("OPEN") && view.path("severity").asText().equals("B")
                        && view.path("firstResponse").path("status").asText().equals("PENDING"));
        assertThat(ids(list("contractId=" + other))).containsExactly("elsewhere-" + suffix);
        assertThat(list("contractId=nobody-" + suffix).path("items")).isEmpty();
    }

    @Test
    void a_pending_sla_whose_deadline_passed_is_listed_as_breached_before_its_breach_is_recorded() {
        String contract = jakartaContract("{\"program\": \"UER\"}");
        String overdue = open("overdue", contract, "B", "2026-11-19T02:00:00Z");
        String due = open("due", contract, "B", "2026-11-21T02:00:00Z");
        awaitListed(contract, List.of(overdue, due));
        // the moment between a deadline passing and its breach being recorded, held still: the row as recorded before
        assertThat(jdbc.update("UPDATE incident_list SET first_response_status = 'PENDING' WHERE incident_id = ?", overdue))
                .isEqualTo(1);
        assertThat(ids(list("contractId=" + contract + "&firstResponseStatus=BREACHED"))).containsExactly(overdue);
        assertThat(ids(list("contractId=" + contract + "&firstResponseStatus=PENDING"))).containsExactly(due);
        assertThat(list("contractId=" + contract + "&firstResponseStatus=BREACHED").path("items").get(0)
                .path("firstResponse").path("status").asText()).isEqualTo("BREACHED");
    }

    @Test
    void pages_follow_each_other_newest_first_with_ties_broken_by_id_and_end_with_a_null_next() {
        String contract = jakartaContract("{\"program\": \"UER\"}");
        List<String> incidents = new ArrayList<>();
        for (int i = 0; i < 57; i++) {
            String submittedAt = Instant.parse("2026-11-20T01:00:00Z").plus(Duration.ofHours(i % 4)).toString();
            incidents.add(open("tie-" + Integer.toString((i * 37) % 57, 36), contract, "B", submittedAt));
        }
        List<JsonNode> views = awaitListed(contract, incidents);

        JsonNode first = list("contractId=" + contract);
        assertThat(first.path("items")).as("the default limit").hasSize(50);
        assertThat(first.path("next").isTextual()).isTrue();
        JsonNode all = list("contractId=" + contract + "&limit=500");
        assertThat(all.path("items")).hasSize(57);
        assertThat(all.path("next").isNull()).isTrue();

        List<JsonNode> paged = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            JsonNode page = list("contractId=" + contract + "&limit=7" + (after == null ? "" : "&after=" + after));
            page.path("items").forEach(paged::add);
            after = page.path("next").isNull() ? null : page.path("next").asText();
            pages++;
        } while (after != null);
        assertThat(pages).isEqualTo(9);
        assertThat(paged).isEqualTo(views);
    }

    @Test
    void limit_bounds_and_cursors_from_elsewhere_are_refused_as_problems() {
        String contract = jakartaContract("{\"program\": \"UER\"}");
        awaitListed(contract, List.of(open("one", contract, "B", "2026-11-20T10:00:00Z"),
                open("two", contract, "B", "2026-11-20T11:00:00Z")));
        assertProblem(client.get().uri("/api/v1/incidents?limit=0").exchange(), 400, "limit");
        assertProblem(client.get().uri("/api/v1/incidents?limit=501").exchange(), 400, "limit");
        assertProblem(client.get().uri("/api/v1/incidents?limit=-1").exchange(), 400, "limit");
        client.get().uri("/api/v1/incidents?limit=500").exchange().expectStatus().isOk();
        client.get().uri("/api/v1/incidents?limit=1").exchange().expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(1);
        assertProblem(client.get().uri("/api/v1/incidents?status=open").exchange(), 400, "status");
        assertProblem(client.get().uri("/api/v1/incidents?severity=D").exchange(), 400, "severity");
        assertProblem(client.get().uri("/api/v1/incidents?firstResponseStatus=LATE").exchange(), 400, "firstResponseStatus");
        assertProblem(client.get().uri("/api/v1/incidents?submittedFrom=yesterday").exchange(), 400, "submittedFrom");

        String next = list("contractId=" + contract + "&limit=1").path("next").asText();
        assertThat(ids(list("contractId=" + contract + "&limit=1&after=" + next))).containsExactly("one-" + suffix);
        String altered = (next.charAt(0) == 'A' ? 'B' : 'A') + next.substring(1);
        assertProblem(client.get().uri("/api/v1/incidents?contractId={c}&limit=1&after={a}", contract, altered).exchange(),
                400, "after");
        assertProblem(client.get().uri("/api/v1/incidents?contractId={c}&status=OPEN&after={a}", contract, next).exchange(),
                400, "after");
        assertProblem(client.get().uri("/api/v1/incidents?after=not-a-cursor").exchange(), 400, "after");
    }

    /** Reads batched by the poll are PolledEventsTest's; here, that the list's processor is the one reading so. */
    @Test
    void the_list_reads_the_store_at_its_own_poll_not_after_each_command_of_this_node() {
        assertThat(processing.eventProcessor("incident-list", TrackingEventProcessor.class).orElseThrow().getMessageSource())
                .isSameAs(incidentListEvents);
    }

    @Test
    void events_read_again_change_nothing_a_new_processor_fills_the_list_from_the_whole_history_and_a_reset_rebuilds_it() {
        String contract = jakartaContract("{\"program\": \"UER\"}");
        List<JsonNode> views = awaitListed(contract, List.of(open("kept", contract, "B", "2026-11-20T10:00:00Z"),
                open("kept-too", contract, "C", "2026-11-20T12:00:00Z")));
        StreamingEventProcessor processor = processing.eventProcessor("incident-list", StreamingEventProcessor.class).orElseThrow();

        processor.shutDown();
        jdbc.update("DELETE FROM token_entry WHERE processor_name = 'incident-list'");
        String before = rowsOf(contract);
        processor.start();
        await().atMost(CATCH_UP).untilAsserted(() -> assertThat(processor.processingStatus().values())
                .isNotEmpty().allMatch(segment -> segment.isCaughtUp()));
        assertThat(rowsOf(contract)).as("events read again change no row").isEqualTo(before);

        processor.shutDown();
        jdbc.update("DELETE FROM token_entry WHERE processor_name = 'incident-list'");
        jdbc.update("DELETE FROM incident_list");
        processor.start();
        await().atMost(CATCH_UP).untilAsserted(() -> assertThat(listed()).isEqualTo(incidentsInTheStore()));
        assertThat(listAll(contract)).isEqualTo(views);

        processor.shutDown();
        processor.resetTokens();
        assertThat(listed()).as("a reset empties the list").isZero();
        processor.start();
        await().atMost(CATCH_UP).untilAsserted(() -> assertThat(listed()).isEqualTo(incidentsInTheStore()));
        assertThat(listAll(contract)).isEqualTo(views);
    }

    @Test
    void a_row_that_missed_an_event_is_made_again_from_the_event_store_at_the_next_one() {
        String contract = jakartaContract("{\"program\": \"UER\"}");
        String gap = open("gap", contract, "C", "2026-11-21T11:00:00Z");
        String unlisted = open("unlisted", contract, "C", "2026-11-21T11:05:00Z");
        for (String incident : List.of(gap, unlisted)) {
            post("/api/v1/incidents/{id}/regrade", "{\"severity\": \"A\", \"at\": \"2026-11-21T11:10:00Z\"}", incident)
                    .expectStatus().isOk();
        }
        awaitListed(contract, List.of(gap, unlisted));
        // as the processor leaves them when it skips events committed after the gap timeout: the re-grade missing from
        // one row, the other incident never listed
        assertThat(jdbc.update("UPDATE incident_list SET last_sequence = 0, severity = 'C' WHERE incident_id = ?", gap))
                .isEqualTo(1);
        assertThat(jdbc.update("DELETE FROM incident_list WHERE incident_id = ?", unlisted)).isEqualTo(1);
        assertThat(ids(list("contractId=" + contract + "&severity=C"))).containsExactly(gap);

        for (String incident : List.of(gap, unlisted)) {
            post("/api/v1/incidents/{id}/first-response", "{\"respondedAt\": \"2026-11-21T11:20:00Z\", \"channel\": \"PHONE\"}",
                    incident).expectStatus().isOk();
        }
        List<JsonNode> views = awaitListed(contract, List.of(gap, unlisted));
        assertThat(views).allSatisfy(view -> {
            assertThat(view.path("severity").asText()).isEqualTo("A");
            assertThat(view.path("firstResponse").path("status").asText()).isEqualTo("MET");
        });
        assertThat(list("contractId=" + contract + "&severity=C").path("items")).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM incident_list l WHERE l.incident_id IN (?, ?) "
                        + "AND l.last_sequence = (SELECT max(e.sequence_number) FROM domain_event_entry e "
                        + "WHERE e.aggregate_identifier = 'incident:' || l.incident_id)", Long.class, gap, unlisted))
                .as("each row stands at its incident's last event").isEqualTo(2);
    }

    @Test
    void a_node_never_builds_on_its_own_fold_of_an_incident_once_another_node_moved_the_row_past_it() {
        String contract = jakartaContract("{\"program\": \"UER\"}");
        String moved = open("moved", contract, "C", "2026-11-21T11:00:00Z");
        awaitListed(contract, List.of(moved));
        StreamingEventProcessor processor = processing.eventProcessor("incident-list", StreamingEventProcessor.class).orElseThrow();

        // this node keeps its fold of the incident as of the row; the re-grade is handled elsewhere: another node
        // takes the segment, moves the row on and commits its row but not (yet) the token this node resumes from
        processor.shutDown();
        post("/api/v1/incidents/{id}/regrade", "{\"severity\": \"A\", \"at\": \"2026-11-21T11:10:00Z\"}", moved)
                .expectStatus().isOk();
        assertThat(jdbc.update("UPDATE incident_list SET severity = 'A', last_sequence = (SELECT max(e.sequence_number) "
                + "FROM domain_event_entry e WHERE e.aggregate_identifier = 'incident:' || incident_id) WHERE incident_id = ?",
                moved)).isEqualTo(1);
        processor.start();

        post("/api/v1/incidents/{id}/first-response", "{\"respondedAt\": \"2026-11-21T11:20:00Z\", \"channel\": \"PHONE\"}",
                moved).expectStatus().isOk();
        List<JsonNode> views = awaitListed(contract, List.of(moved));
        assertThat(views.get(0).path("severity").asText()).isEqualTo("A");
        assertThat(views.get(0).path("firstResponse").path("status").asText()).isEqualTo("MET");
        assertThat(ids(list("contractId=" + contract + "&severity=A&firstResponseStatus=MET"))).containsExactly(moved);
        assertThat(list("contractId=" + contract + "&severity=C").path("items")).isEmpty();
    }

    @Test
    void the_openapi_document_shows_the_list_and_its_page_schema() {
        JsonNode document = read(client.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        JsonNode list = document.path("paths").path("/api/v1/incidents").path("get");
        List<String> parameters = new ArrayList<>();
        list.path("parameters").forEach(parameter -> parameters.add(parameter.path("name").asText()));
        assertThat(parameters).containsExactlyInAnyOrder("contractId", "status", "severity", "firstResponseStatus",
                "submittedFrom", "submittedTo", "limit", "after");
        assertThat(list.path("responses").path("200").path("content").path("application/json").path("schema")
                .path("$ref").asText()).isEqualTo("#/components/schemas/IncidentPage");
        JsonNode page = document.path("components").path("schemas").path("IncidentPage");
        assertThat(page.path("properties").path("items").path("items").path("$ref").asText())
                .isEqualTo("#/components/schemas/IncidentView");
        assertThat(page.path("properties").has("next")).isTrue();
    }

    private String open(String name, String contractId, String severity, String submittedAt) {
        String incidentId = name + "-" + suffix;
        openIncident(incidentId, contractId, severity, submittedAt).expectStatus().isCreated();
        return incidentId;
    }

    /** Waits until the contract's list holds exactly these incidents, each as its own view shows it; answers the list. */
    private List<JsonNode> awaitListed(String contractId, List<String> incidentIds) {
        List<JsonNode> listed = new ArrayList<>();
        await().atMost(CATCH_UP).untilAsserted(() -> {
            List<JsonNode> views = new ArrayList<>();
            for (String incidentId : incidentIds) {
                views.add(read(client.get().uri("/api/v1/incidents/{id}", incidentId).exchange().expectStatus().isOk()
                        .expectBody(String.class).returnResult().getResponseBody()));
            }
            views.sort(NEWEST_FIRST);
            List<JsonNode> items = listAll(contractId);
            assertThat(items).isEqualTo(views);
            listed.clear();
            listed.addAll(items);
        });
        return listed;
    }

    /** The items the list answers for this filter are exactly the views that match, newest first. */
    private void assertListed(String query, List<JsonNode> views, Predicate<JsonNode> matches) {
        List<JsonNode> expected = views.stream().filter(matches).sorted(NEWEST_FIRST).toList();
        assertThat(expected).as(query + " matches some but not all").isNotEmpty().hasSizeLessThan(views.size());
        assertThat(items(list(query + "&limit=500"))).as(query).isEqualTo(expected);
    }

    private List<JsonNode> listAll(String contractId) {
        return items(list("contractId=" + contractId + "&limit=500"));
    }

    private JsonNode list(String query) {
        return read(client.get().uri("/api/v1/incidents?" + query).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
    }

    private static List<JsonNode> items(JsonNode page) {
        return StreamSupport.stream(page.path("items").spliterator(), false).toList();
    }

    private static List<String> ids(JsonNode page) {
        return items(page).stream().map(item -> item.path("incidentId").asText()).toList();
    }

    private String rowsOf(String contractId) {
        return jdbc.queryForObject("SELECT string_agg(incident_list::text, ',' ORDER BY incident_id) FROM incident_list "
                + "WHERE contract_id = ?", String.class, contractId);
    }

    private long listed() {
        return jdbc.queryForObject("SELECT count(*) FROM incident_list", Long.class);
    }

    private long incidentsInTheStore() {
        return jdbc.queryForObject("SELECT count(DISTINCT aggregate_identifier) FROM domain_event_entry "
                + "WHERE payload_type = ?", Long.class, IncidentOpened.class.getName());
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
