package dev.incidentsla.sla.calendar;

import java.time.LocalDate;
import java.util.List;

/**
 * One local day of a calendar: its working windows and why.
 *
 * @param name the holiday's or adjusted day's name, or null
 */
public record DayPlan(LocalDate date, DayKind kind, List<WorkingWindow> windows, String name) {

    public String describe() {
        return name == null ? kind.description() : kind.description() + ": " + name;
    }
}
