package dev.incidentsla.projection.schedule;

import dev.incidentsla.projection.alert.AlertService;
import dev.incidentsla.projection.readmodel.SlaReadModel;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The watcher never loses a due alert: what it cannot act on goes back into the schedule. */
class DeadlineWatcherTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    private final DeadlineSchedule schedule = new DeadlineSchedule();
    private final AlertService alerts = mock(AlertService.class);
    private final ProcessorProgress progress = mock(ProcessorProgress.class);
    private final DeadlineWatcher watcher = new DeadlineWatcher(schedule, mock(SlaReadModel.class), alerts, progress,
            Clock.fixed(NOW, ZoneOffset.UTC));

    private void threeDue() {
        schedule.put(DeadlineSchedule.Entry.breach("A", NOW.minusSeconds(3)));
        schedule.put(DeadlineSchedule.Entry.breach("B", NOW.minusSeconds(2)));
        schedule.put(DeadlineSchedule.Entry.breach("C", NOW.minusSeconds(1)));
    }

    @Test
    void due_alerts_fire_once_the_projection_has_applied_everything_stored_when_they_fell_due() {
        threeDue();
        when(progress.headPosition()).thenReturn(41L);
        when(progress.reached(41L)).thenReturn(true);
        when(alerts.fire(any(), any())).thenReturn(Optional.empty());
        watcher.fireDue();
        verify(alerts, org.mockito.Mockito.times(3)).fire(any(), any());
        assertThat(schedule.size()).isZero();
    }

    @Test
    void an_alert_does_not_fire_before_the_projection_catches_up_whatever_time_has_passed() {
        schedule.put(DeadlineSchedule.Entry.breach("A", NOW.minusSeconds(3600)));
        when(progress.headPosition()).thenReturn(41L);
        when(progress.reached(anyLong())).thenReturn(false);
        DeadlineWatcher stopped = new DeadlineWatcher(schedule, mock(SlaReadModel.class), alerts, progress,
                Clock.fixed(NOW, ZoneOffset.UTC));
        stopped.fireDue();
        verify(alerts, never()).fire(any(), any());
        assertThat(schedule.size()).isEqualTo(1);
    }

    @Test
    void a_failing_progress_check_puts_every_due_alert_back() {
        threeDue();
        when(progress.headPosition()).thenThrow(new IllegalStateException("database away"));
        assertThatThrownBy(watcher::fireDue).isInstanceOf(IllegalStateException.class);
        assertThat(schedule.size()).isEqualTo(3);
    }

    @Test
    void a_failing_alert_puts_it_and_every_later_one_back() {
        threeDue();
        when(progress.headPosition()).thenReturn(41L);
        when(progress.reached(41L)).thenReturn(true);
        when(alerts.fire(any(), any())).thenReturn(Optional.empty())
                .thenThrow(new IllegalStateException("lock timeout"));
        assertThatThrownBy(watcher::fireDue).isInstanceOf(IllegalStateException.class);
        assertThat(schedule.entry("A", AlertKind.BREACH)).isEmpty();
        assertThat(schedule.entry("B", AlertKind.BREACH)).isPresent();
        assertThat(schedule.entry("C", AlertKind.BREACH)).isPresent();
    }
}
