package dev.incidentsla.sla.calendar;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** One step of a walk through a calendar, kept to explain a deadline in local time. */
public sealed interface WalkStep {

    DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd", Locale.ENGLISH);
    DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm[:ss]", Locale.ENGLISH);

    String describe();

    /** Business time counted inside one working window. */
    record Counted(ZonedDateTime from, ZonedDateTime to) implements WalkStep {

        public Duration duration() {
            return Duration.between(from, to);
        }

        @Override
        public String describe() {
            String end = to.toLocalDate().equals(from.toLocalDate()) ? TIME.format(to) : "24:00";
            return "counted " + Durations.readable(duration()) + " on " + DAY.format(from) + " "
                    + TIME.format(from) + "-" + end;
        }
    }

    /** A day that contributed nothing, and why. */
    record Skipped(DayPlan day, String reason) implements WalkStep {

        @Override
        public String describe() {
            return "skipped " + DAY.format(day.date()) + " (" + reason + ")";
        }
    }
}
