package dev.incidentsla.sla.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;

/** The result of adding business time, with every window counted and every day skipped on the way. */
public record CalendarWalk(Instant start, Duration amount, Instant end, ZoneId zone, List<WalkStep> steps) {

    public String describe() {
        String walk = steps.stream().map(WalkStep::describe).collect(Collectors.joining("; "));
        String due = "due " + local(end) + " (" + end + ")";
        return Durations.readable(amount) + " of business hours from " + local(start) + ": "
                + (walk.isEmpty() ? due : walk + "; " + due);
    }

    private String local(Instant instant) {
        return LocalTimes.dateTime(instant, zone);
    }
}
