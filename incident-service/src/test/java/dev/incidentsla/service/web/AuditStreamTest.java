package dev.incidentsla.service.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaClock;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.incident.FirstResponseAtRisk;
import dev.incidentsla.api.incident.FirstResponseBreached;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.service.AuditLog;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.Encoder;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.codec.EncoderHttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import reactor.core.publisher.Flux;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class AuditStreamTest extends ApiTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> EVENT_TYPES = List.of("ContractRegistered", "ContractAmended", "IncidentOpened",
            "IncidentRegraded", "FirstResponseRecorded", "IncidentClosed", "FirstResponseAtRisk", "FirstResponseBreached");

    @Autowired
    EventStore eventStore;
    @Autowired
    EventStorageEngine storageEngine;
    @Autowired
    ServerCodecConfigurer codecs;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    DataSource dataSource;

    private record Response(List<String> lines, long readThrough) {

        List<String> aggregateIds() {
            return lines.stream().map(line -> parse(line).get("aggregateId").asText()).toList();
        }
    }

    private Response audit(String query) {
        EntityExchangeResult<String> result = client.get().uri("/api/v1/audit/events" + query)
                .accept(MediaType.APPLICATION_NDJSON).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
                .expectBody(String.class).returnResult();
        String body = result.getResponseBody();
        List<String> lines = body == null ? List.of() : Stream.of(body.split("\n")).filter(line -> !line.isBlank()).toList();
        return new Response(lines, Long.parseLong(result.getResponseHeaders().getFirst(AuditController.READ_THROUGH_HEADER)));
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void every_event_type_reads_exactly_as_the_json_codec_writes_the_event_read_through_axon() {
        storeOneEventOfEachType();

        Response streamed = audit("?all=true");

        List<AuditLog.Entry> throughAxon = new ArrayList<>();
        try (Stream<? extends TrackedEventMessage<?>> events = storageEngine.readEvents(null, false)) {
            events.map(AuditStreamTest::entryAsReadThroughAxon)
                    .filter(entry -> entry.globalSequence() <= streamed.readThrough())
                    .forEach(throughAxon::add);
        }
        assertThat(streamed.lines()).containsExactlyElementsOf(encodedByTheCodec(throughAxon));
        assertThat(streamed.lines()).extracting(line -> parse(line).get("type").asText()).containsAll(EVENT_TYPES);
    }

    @Test
    void an_event_stored_at_an_earlier_revision_reads_as_the_record_of_today_does_and_not_as_stored() {
        String incident = "EARLIER-" + suffix;
        DomainEventMessage<?> breached = deadlineEvent(incident, 1);
        String aggregate = breached.getAggregateIdentifier();
        eventStore.publish(breached);
        new JdbcTemplate(dataSource).update("UPDATE domain_event_entry SET payload_revision = '0', "
                + "payload = convert_to(((convert_from(payload, 'UTF8')::jsonb) - 'severity')::text, 'UTF8') "
                + "WHERE aggregate_identifier = ?", aggregate);

        Response streamed = audit("?all=true");

        List<AuditLog.Entry> throughAxon = new ArrayList<>();
        try (Stream<? extends TrackedEventMessage<?>> events = storageEngine.readEvents(null, false)) {
            events.map(AuditStreamTest::entryAsReadThroughAxon)
                    .filter(entry -> entry.aggregateId().equals(aggregate))
                    .forEach(throughAxon::add);
        }
        List<String> lines = streamed.lines().stream().filter(line -> parse(line).get("aggregateId").asText().equals(aggregate))
                .toList();
        assertThat(lines).containsExactlyElementsOf(encodedByTheCodec(throughAxon));
        assertThat(parse(lines.get(0)).get("payload").has("severity")).as("a field the stored payload lacks").isTrue();
        assertThat(parse(lines.get(0)).get("payload").get("severity").isNull()).isTrue();
    }

    @Test
    void a_replay_of_everything_in_one_response_reads_through_to_the_settled_end_and_paging_continues_from_there() {
        storeOneEventOfEachType();

        Response everything = audit("?all=true");
        List<Long> sequences = everything.lines().stream().map(line -> parse(line).get("globalSequence").asLong()).toList();
        assertThat(sequences).isSorted().doesNotHaveDuplicates();
        assertThat(everything.readThrough()).isGreaterThanOrEqualTo(sequences.get(sequences.size() - 1));
        Response paged = pageThrough(-1, 7);
        assertThat(paged.lines()).containsExactlyElementsOf(everything.lines());
        assertThat(audit("?after=" + everything.readThrough()).lines()).isEmpty();
    }

    @Test
    void all_is_true_or_false_only() {
        assertProblem(client.get().uri("/api/v1/audit/events?all=yes").exchange(), 400, "all");
        assertProblem(client.get().uri("/api/v1/audit/events?all=1").exchange(), 400, "all");
        audit("?all=false&limit=1");
    }

    /**
     * Two writers: the first takes the lower global index and commits after the second. A reader that pages while
     * the first is still open must not pass over its index; once it commits, the next page serves it.
     */
    @Test
    void a_page_read_while_a_lower_index_is_uncommitted_stops_before_it_and_the_next_page_serves_it() throws Exception {
        long mark = audit("?all=true").readThrough();
        CountDownLatch firstAppended = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions)
                .executeWithoutResult(status -> {
                    eventStore.publish(deadlineEvent("LATE-" + suffix, 0));
                    firstAppended.countDown();
                    await(commitFirst);
                }));
        assertThat(firstAppended.await(30, TimeUnit.SECONDS)).isTrue();
        new TransactionTemplate(transactions).executeWithoutResult(status -> eventStore.publish(deadlineEvent("EARLY-" + suffix, 0)));

        Response whileOpen = audit("?after=" + mark);
        assertThat(whileOpen.aggregateIds()).doesNotContain("incident:EARLY-" + suffix, "incident:LATE-" + suffix);

        commitFirst.countDown();
        first.get(30, TimeUnit.SECONDS);
        Response afterCommit = pageThrough(whileOpen.readThrough(), 1000);
        assertThat(afterCommit.aggregateIds()).containsSubsequence("incident:LATE-" + suffix, "incident:EARLY-" + suffix);
    }

    /**
     * The open transaction is the newest: none with a higher id has ended, so the snapshot's xmax is at or below its
     * id and its snapshot does not list it as running.
     */
    @Test
    void a_page_read_while_the_newest_transaction_is_uncommitted_does_not_read_through_its_index() throws Exception {
        long mark = audit("?all=true").readThrough();
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Void> open = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions)
                .executeWithoutResult(status -> {
                    eventStore.publish(deadlineEvent("NEWEST-" + suffix, 0));
                    appended.countDown();
                    await(commit);
                }));
        assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();

        Response whileOpen = audit("?after=" + mark);

        commit.countDown();
        open.get(30, TimeUnit.SECONDS);
        assertThat(pageThrough(whileOpen.readThrough(), 1000).aggregateIds()).contains("incident:NEWEST-" + suffix);
    }

    @Test
    void a_page_asked_for_while_a_lower_index_is_uncommitted_waits_for_its_commit_and_serves_both() throws Exception {
        long mark = audit("?all=true").readThrough();
        CountDownLatch firstAppended = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions)
                .executeWithoutResult(status -> {
                    eventStore.publish(deadlineEvent("SLOW-" + suffix, 0));
                    firstAppended.countDown();
                    await(commitFirst);
                }));
        assertThat(firstAppended.await(30, TimeUnit.SECONDS)).isTrue();
        new TransactionTemplate(transactions).executeWithoutResult(status -> eventStore.publish(deadlineEvent("FAST-" + suffix, 0)));

        CompletableFuture<Response> reading = CompletableFuture.supplyAsync(() -> audit("?after=" + mark));
        Thread.sleep(300);
        commitFirst.countDown();
        first.get(30, TimeUnit.SECONDS);

        assertThat(reading.get(30, TimeUnit.SECONDS).aggregateIds())
                .containsSubsequence("incident:SLOW-" + suffix, "incident:FAST-" + suffix);
    }

    private Response pageThrough(long from, int limit) {
        List<String> lines = new ArrayList<>();
        long after = from;
        for (int page = 0; page < 100_000; page++) {
            Response response = audit("?after=" + after + "&limit=" + limit);
            lines.addAll(response.lines());
            if (response.readThrough() == after) {
                break;
            }
            after = response.readThrough();
        }
        return new Response(lines, after);
    }

    private void storeOneEventOfEachType() {
        String contract = jakartaContract("{\"program\": \"UER\"}");
        jakartaContract("{\"program\": \"UNIFIED\"}");
        String incident = "INC-" + suffix;
        openIncident(incident, contract, "B", "2026-11-20T10:00:00Z").expectStatus().isCreated();
        post("/api/v1/incidents/{id}/regrade", "{\"severity\": \"A\", \"at\": \"2026-11-20T10:05:00Z\", \"reason\": \"wider\"}",
                incident).expectStatus().isOk();
        post("/api/v1/incidents/{id}/first-response", "{\"channel\": \"PHONE\"}", incident).expectStatus().isOk();
        post("/api/v1/incidents/{id}/close", "{}", incident).expectStatus().isOk();
        eventStore.publish(deadlineEvent("DEADLINES-" + suffix, 0), deadlineEvent("DEADLINES-" + suffix, 1));
    }

    private static DomainEventMessage<?> deadlineEvent(String incident, long sequence) {
        IncidentId id = new IncidentId(incident);
        ContractId contract = new ContractId("contoso-deadlines");
        Instant submitted = Instant.parse("2026-11-20T10:00:00Z");
        Object payload = sequence == 0
                ? new FirstResponseAtRisk(id, contract, Severity.B, "azure-virtual-machines", "UER", "uer.sev-b",
                Duration.ofHours(2), SlaClock.ROUND_THE_CLOCK, submitted, submitted.plus(Duration.ofMinutes(90)),
                submitted.plus(Duration.ofHours(2)), submitted.plus(Duration.ofMinutes(90)).plusMillis(1))
                : new FirstResponseBreached(id, contract, Severity.B, "azure-virtual-machines", "UER", "uer.sev-b",
                Duration.ofHours(2), SlaClock.ROUND_THE_CLOCK, submitted, submitted.plus(Duration.ofHours(2)),
                submitted.plus(Duration.ofHours(2)).plusMillis(1));
        return new GenericDomainEventMessage<>("Incident", id.toString(), sequence, payload,
                MetaData.with("correlationId", "audit-" + incident));
    }

    /** The entry as the audit stream made it before it read rows itself: from Axon's tracked event message. */
    private static AuditLog.Entry entryAsReadThroughAxon(TrackedEventMessage<?> event) {
        DomainEventMessage<?> domain = (DomainEventMessage<?>) event;
        Revision revision = event.getPayloadType().getAnnotation(Revision.class);
        return new AuditLog.Entry(event.trackingToken().position().orElseThrow(), domain.getAggregateIdentifier(),
                domain.getSequenceNumber(), event.getIdentifier(), event.getPayloadType().getSimpleName(),
                revision == null ? null : revision.value(), event.getTimestamp(), event.getPayload(), event.getMetaData());
    }

    @SuppressWarnings("unchecked")
    private List<String> encodedByTheCodec(List<AuditLog.Entry> entries) {
        ResolvableType type = ResolvableType.forClass(AuditLog.Entry.class);
        Encoder<AuditLog.Entry> encoder = codecs.getWriters().stream()
                .filter(writer -> writer instanceof EncoderHttpMessageWriter<?> && writer.canWrite(type, MediaType.APPLICATION_NDJSON))
                .map(writer -> (Encoder<AuditLog.Entry>) ((EncoderHttpMessageWriter<?>) writer).getEncoder())
                .findFirst().orElseThrow();
        String body = DataBufferUtils.join(encoder.encode(Flux.fromIterable(entries), DefaultDataBufferFactory.sharedInstance,
                        type, MediaType.APPLICATION_NDJSON, Map.of()))
                .map(buffer -> buffer.toString(StandardCharsets.UTF_8)).block();
        return body == null ? List.of() : Stream.of(body.split("\n")).filter(line -> !line.isBlank()).toList();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the first transaction commit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
