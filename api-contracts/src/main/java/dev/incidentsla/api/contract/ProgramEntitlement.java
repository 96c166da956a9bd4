package dev.incidentsla.api.contract;

import java.time.LocalDate;
import java.util.List;

/**
 * A program the contract holds.
 *
 * @param effectiveFrom local date from which the program covers incidents, or null for the whole contract
 * @param events scheduled critical business events (Event Mission Critical Services only)
 */
public record ProgramEntitlement(String program, LocalDate effectiveFrom, List<ScheduledEvent> events) {

    public ProgramEntitlement {
        events = events == null ? null : List.copyOf(events);
    }

    public static ProgramEntitlement of(String program) {
        return new ProgramEntitlement(program, null, null);
    }

    public List<ScheduledEvent> eventsOrEmpty() {
        return events == null ? List.of() : events;
    }
}
