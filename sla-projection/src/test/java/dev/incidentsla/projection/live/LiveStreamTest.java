package dev.incidentsla.projection.live;

import dev.incidentsla.api.Channel;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaClock;
import dev.incidentsla.api.SlaDecision;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.api.incident.IncidentOpened;
import dev.incidentsla.projection.readmodel.SlaReadModel;
import dev.incidentsla.projection.readmodel.SlaRow;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The fan-out of one node: what clients get, what a slow client costs, and when streams end. */
class LiveStreamTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:10:00Z");

    /** The table as a map, counting its reads. */
    private static final class TableReadModel extends SlaReadModel {

        final Map<String, SlaRow> table = new HashMap<>();
        final List<Collection<String>> reads = new ArrayList<>();

        TableReadModel() {
            super(null);
        }

        @Override
        public List<SlaRow> find(Collection<String> incidentIds) {
            reads.add(List.copyOf(incidentIds));
            return incidentIds.stream().filter(table::containsKey).map(table::get).toList();
        }
    }

    private final TableReadModel readModel = new TableReadModel();
    private final LiveStream stream = new LiveStream(readModel, Clock.fixed(NOW, ZoneOffset.UTC));

    private void pending(String incident, String contract) {
        Instant submitted = NOW.minus(Duration.ofMinutes(10));
        SlaDecision decision = new SlaDecision("UNIFIED", "unified.sev-1.azure", Duration.ofMinutes(15), SlaClock.ROUND_THE_CLOCK,
                submitted, submitted.plus(Duration.ofMinutes(15)), submitted.plusSeconds(675), "test", 1, false, "test");
        readModel.table.put(incident, SlaRow.opened(new IncidentOpened(new IncidentId(incident), new ContractId(contract), 1,
                "title", "azure-virtual-machines", Channel.PHONE, Severity.SEV_1, false, null, submitted, decision), 0));
    }

    @Test
    void nothing_is_read_while_no_client_is_connected() {
        pending("INC-1", "contoso");
        stream.changed(List.of("INC-1"));
        assertThat(readModel.reads).isEmpty();
    }

    @Test
    void a_client_gets_the_changed_rows_it_wants_as_they_stand_with_the_time_left() {
        pending("INC-1", "contoso");
        pending("INC-2", "fabrikam");
        StepVerifier.create(stream.changes(change -> change.contractId().equals("contoso"), 10))
                .then(() -> stream.changed(List.of("INC-1", "INC-2")))
                .assertNext(change -> {
                    assertThat(change.incidentId()).isEqualTo("INC-1");
                    assertThat(change.event()).isEqualTo("pending");
                    assertThat(change.timeLeft()).isEqualTo(Duration.ofMinutes(5));
                    assertThat(change.detectedAt()).isNull();
                })
                .then(() -> stream.restart("test"))
                .verifyComplete();
        assertThat(readModel.reads).hasSize(1);
    }

    @Test
    void a_client_that_falls_further_behind_than_its_buffer_has_its_stream_ended_and_holds_no_more() {
        for (int n = 0; n < 5; n++) {
            pending("INC-" + n, "contoso");
        }
        StepVerifier.create(stream.changes(change -> true, 2), 0)
                .then(() -> stream.changed(List.of("INC-0", "INC-1", "INC-2", "INC-3", "INC-4")))
                .thenRequest(10)
                .expectNextCount(2)
                .verifyComplete();
        assertThat(stream.clients()).isZero();
    }

    @Test
    void a_restart_ends_every_stream_and_later_clients_get_later_changes() {
        pending("INC-1", "contoso");
        StepVerifier.create(stream.changes(change -> true, 10)).then(() -> stream.restart("test")).verifyComplete();
        StepVerifier.create(stream.changes(change -> true, 10))
                .then(() -> stream.changed(List.of("INC-1")))
                .expectNextMatches(change -> change.incidentId().equals("INC-1"))
                .then(() -> stream.restart("test"))
                .verifyComplete();
    }
}
