package dev.incidentsla.eventstore;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

class SnapshotFreeStorageEngineTest {

    private final EventStorageEngine database = mock(EventStorageEngine.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SnapshotFreeStorageEngine engine = new SnapshotFreeStorageEngine(database, meters);

    @Test
    void loading_an_aggregate_never_asks_the_database_for_a_snapshot() {
        assertThat(engine.readSnapshot("incident:INC-1")).isEmpty();
        verifyNoInteractions(database);
    }

    @Test
    void storing_a_snapshot_is_refused_since_none_would_ever_be_read() {
        assertThatThrownBy(() -> engine.storeSnapshot(new GenericDomainEventMessage<>("Incident", "incident:INC-1", 3, "state")))
                .isInstanceOf(UnsupportedOperationException.class);
        verifyNoInteractions(database);
    }

    @Test
    void appends_reach_the_database_and_are_timed() {
        List<GenericDomainEventMessage<String>> events =
                List.of(new GenericDomainEventMessage<>("Incident", "incident:INC-1", 0, "opened"));
        engine.appendEvents(events);
        verify(database).appendEvents(events);
        assertThat(meters.get(SnapshotFreeStorageEngine.APPEND_TIMER).timer().count()).isEqualTo(1);
    }
}
