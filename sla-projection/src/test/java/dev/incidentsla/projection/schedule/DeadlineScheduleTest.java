package dev.incidentsla.projection.schedule;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeadlineScheduleTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private final DeadlineSchedule schedule = new DeadlineSchedule();

    @Test
    void entries_fire_in_order_of_their_instant_and_only_once() {
        schedule.put(DeadlineSchedule.Entry.breach("B", T0.plusSeconds(60)));
        schedule.put(DeadlineSchedule.Entry.warning("A", T0.plusSeconds(30)));
        schedule.put(DeadlineSchedule.Entry.breach("A", T0.plusSeconds(40)));

        assertThat(schedule.nextFiring()).contains(T0.plusSeconds(30));
        assertThat(schedule.takeDue(T0.plusSeconds(45))).extracting(DeadlineSchedule.Entry::incidentId, DeadlineSchedule.Entry::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("A", AlertKind.WARNING),
                        org.assertj.core.groups.Tuple.tuple("A", AlertKind.BREACH));
        assertThat(schedule.takeDue(T0.plusSeconds(45))).isEmpty();
        assertThat(schedule.size()).isEqualTo(1);
    }

    @Test
    void a_breach_fires_just_after_its_deadline_because_a_response_at_the_deadline_is_met() {
        schedule.put(DeadlineSchedule.Entry.breach("A", T0));
        assertThat(schedule.takeDue(T0)).isEmpty();
        assertThat(schedule.takeDue(T0.plusMillis(1))).hasSize(1);
    }

    @Test
    void scheduling_again_moves_the_entry_as_a_regrade_moves_the_deadline() {
        schedule.put(DeadlineSchedule.Entry.breach("A", T0.plusSeconds(600)));
        schedule.put(DeadlineSchedule.Entry.breach("A", T0.plusSeconds(60)));
        assertThat(schedule.size()).isEqualTo(1);
        assertThat(schedule.takeDue(T0.plusSeconds(61))).extracting(DeadlineSchedule.Entry::deadline).containsExactly(T0.plusSeconds(60));
        assertThat(schedule.takeDue(T0.plusSeconds(601))).isEmpty();
    }

    @Test
    void cancelling_an_incident_removes_its_warning_and_breach() {
        schedule.put(DeadlineSchedule.Entry.warning("A", T0.plusSeconds(30)));
        schedule.put(DeadlineSchedule.Entry.breach("A", T0.plusSeconds(40)));
        schedule.put(DeadlineSchedule.Entry.breach("B", T0.plusSeconds(40)));
        schedule.cancelAll("A");
        assertThat(schedule.takeDue(T0.plusSeconds(100))).extracting(DeadlineSchedule.Entry::incidentId).containsExactly("B");
    }

    @Test
    void a_taken_entry_put_back_does_not_override_a_newer_one() {
        schedule.put(DeadlineSchedule.Entry.breach("A", T0));
        List<DeadlineSchedule.Entry> taken = schedule.takeDue(T0.plusSeconds(1));
        schedule.put(DeadlineSchedule.Entry.breach("A", T0.plusSeconds(300)));
        schedule.restore(taken);
        assertThat(schedule.entry("A", AlertKind.BREACH)).map(DeadlineSchedule.Entry::deadline).contains(T0.plusSeconds(300));
        schedule.cancelAll("A");
        schedule.restore(taken);
        assertThat(schedule.entry("A", AlertKind.BREACH)).map(DeadlineSchedule.Entry::deadline).contains(T0);
    }

    @Test
    void a_hundred_thousand_pending_deadlines_fit_and_come_out_in_order() {
        for (int i = 0; i < 100_000; i++) {
            schedule.put(DeadlineSchedule.Entry.breach("INC-" + i, T0.plusMillis((i * 7919L) % 300_000)));
        }
        assertThat(schedule.size()).isEqualTo(100_000);
        List<DeadlineSchedule.Entry> due = schedule.takeDue(T0.plusSeconds(300));
        assertThat(due).hasSize(100_000);
        assertThat(due).extracting(DeadlineSchedule.Entry::firesAt).isSorted();
    }
}
