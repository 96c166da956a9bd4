package dev.incidentsla.sla.policy;

import java.time.DayOfWeek;
import java.util.List;

/** What a support location gets for each setting it leaves out. */
public record LocationDefaults(List<DayOfWeek> weekendDays, String opens, String closes) {

    public LocationDefaults {
        weekendDays = List.copyOf(weekendDays);
    }
}
