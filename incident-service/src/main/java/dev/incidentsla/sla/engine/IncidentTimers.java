package dev.incidentsla.sla.engine;

import dev.incidentsla.api.SlaTimer;
import dev.incidentsla.api.incident.TimerId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The section-9 timers of one incident, oldest first; each instance has its own id. */
public record IncidentTimers(List<TimerSla> all) {

    public static final IncidentTimers NONE = new IncidentTimers(List.of());

    public IncidentTimers {
        all = List.copyOf(all);
    }

    /** With a new timer, or a timer replaced by its new state. */
    public IncidentTimers with(TimerSla timer) {
        List<TimerSla> changed = new ArrayList<>(all);
        for (int index = 0; index < changed.size(); index++) {
            if (changed.get(index).id().equals(timer.id())) {
                changed.set(index, timer);
                return new IncidentTimers(changed);
            }
        }
        changed.add(timer);
        return new IncidentTimers(changed);
    }

    public Optional<TimerSla> find(TimerId id) {
        return all.stream().filter(timer -> timer.id().equals(id)).findFirst();
    }

    /** The latest instance of a timer, if it ever began. */
    public Optional<TimerSla> latest(SlaTimer timer) {
        return all.stream().filter(candidate -> candidate.timer() == timer).reduce((first, second) -> second);
    }

    /** The latest instance of a timer if it is still pending at {@code at} (its deadline not passed). */
    public Optional<TimerSla> pendingAt(SlaTimer timer, Instant at) {
        return latest(timer).filter(candidate -> candidate.isPendingAt(at));
    }

    /** The id of the timer's next instance: {@code customer-change-control-2} for its second. */
    public TimerId nextId(SlaTimer timer) {
        long earlier = all.stream().filter(candidate -> candidate.timer() == timer).count();
        return new TimerId(timer.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-" + (earlier + 1));
    }
}
