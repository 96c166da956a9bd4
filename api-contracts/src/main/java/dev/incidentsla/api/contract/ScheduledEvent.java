package dev.incidentsla.api.contract;

import java.time.LocalDate;

/**
 * A scheduled critical business event: covered from {@code start} 00:00 to the end of {@code end},
 * local time of the support location.
 *
 * @param confirmedOn the local date the window was confirmed in writing
 * @param approved covered despite a late confirmation; absent (null) means not approved, and is stored as false so that
 *                 the stored form stays what it always was
 */
public record ScheduledEvent(String eventId, LocalDate start, LocalDate end, LocalDate confirmedOn, Boolean approved) {

    public ScheduledEvent {
        approved = Boolean.TRUE.equals(approved);
    }
}
