package dev.incidentsla.sla.calendar;

import java.time.Duration;
import java.time.ZonedDateTime;

/** One step of a walk through a calendar, kept to explain a deadline in local time. */
public sealed interface WalkStep {

    String describe();

    /** Business time counted inside one working window. */
    record Counted(ZonedDateTime from, ZonedDateTime to) implements WalkStep {

        public Duration duration() {
            return Duration.between(from, to);
        }

        @Override
        public String describe() {
            String end = to.toLocalDate().equals(from.toLocalDate()) ? LocalTimes.time(to) : "24:00";
            return "counted " + Durations.readable(duration()) + " on " + LocalTimes.day(from) + " "
                    + LocalTimes.time(from) + "-" + end;
        }
    }

    /** A day that contributed nothing, and why. */
    record Skipped(DayPlan day, String reason) implements WalkStep {

        @Override
        public String describe() {
            return "skipped " + LocalTimes.day(day.date()) + " (" + reason + ")";
        }
    }
}
