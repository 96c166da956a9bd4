package dev.incidentsla.projection.failure;

import dev.incidentsla.projection.alert.AlertNotAcknowledgedException;
import dev.incidentsla.projection.alert.UnpublishableAlertException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.serialization.SerializationException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which handler failures retry the segment, and which skip the one event. */
class SkipPoisonedEventsTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PoisonedEvents poisoned = new PoisonedEvents(registry, Clock.fixed(NOW, ZoneOffset.UTC));
    private final SkipPoisonedEvents handler = new SkipPoisonedEvents("sla-alerts", poisoned);
    private final EventMessage<?> event = GenericEventMessage.asEventMessage("payload");

    private double counted() {
        return registry.get("sla.alerts.poisoned").tag("processing.group", "sla-alerts").counter().count();
    }

    @Test
    void kafka_not_acknowledging_the_database_being_away_and_the_node_stopping_retry_the_segment() {
        for (Exception transientFailure : new Exception[]{
                new AlertNotAcknowledgedException("breach:INC-1:2026-12-02T10:00:00Z", new TimeoutException("no ack")),
                new QueryTimeoutException("slow"),
                new CannotAcquireLockException("lock"),
                new CannotGetJdbcConnectionException("database away", new SQLException("refused")),
                new DataAccessResourceFailureException("connection reset"),
                new CannotCreateTransactionException("no connection"),
                new IllegalStateException("wrapped", new QueryTimeoutException("slow")),
                new InterruptedException("Message [TimerBreached] for handler [SlaAlerts] was interrupted."),
                new InterruptException("producer interrupted while sending")}) {
            assertThat(Failures.isTransient(transientFailure)).as(transientFailure.toString()).isTrue();
            assertThatThrownBy(() -> handler.onError(transientFailure, event, null)).isSameAs(transientFailure);
        }
        assertThat(counted()).isZero();
        assertThat(poisoned.last()).isEmpty();
    }

    @Test
    void an_event_that_can_never_be_handled_is_counted_reported_and_skipped() {
        for (Exception poison : new Exception[]{
                new SerializationException("cannot deserialize payload"),
                new UnpublishableAlertException("the dueAt of INC-1, +10000-01-01T00:00:00Z, cannot be written as RFC 3339"),
                new NullPointerException("contractId"),
                new ArithmeticException("long overflow"),
                new IllegalArgumentException("unknown severity 'Z'")}) {
            assertThat(Failures.isTransient(poison)).as(poison.toString()).isFalse();
            assertThatCode(() -> handler.onError(poison, event, null)).doesNotThrowAnyException();
        }
        assertThat(counted()).isEqualTo(5);
        assertThat(poisoned.total()).isEqualTo(5);
        PoisonedEvents.Poisoned last = poisoned.last().orElseThrow();
        assertThat(last.eventId()).isEqualTo(event.getIdentifier());
        assertThat(last.eventType()).isEqualTo(String.class.getName());
        assertThat(last.processingGroup()).isEqualTo("sla-alerts");
        assertThat(last.reason()).contains("unknown severity");
        assertThat(last.at()).isEqualTo(NOW);
    }

    @Test
    void the_counter_exists_at_zero_for_each_processing_group_before_anything_is_poisoned() {
        new SkipPoisonedEvents("sla-projection", poisoned);
        assertThat(registry.get("sla.alerts.poisoned").tag("processing.group", "sla-projection").counter().count()).isZero();
        assertThat(poisoned.counts()).containsOnlyKeys("sla-alerts", "sla-projection");
    }
}
