package dev.incidentsla.api.contract;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Local opening hours of a support location, as {@code HH:mm} ({@code 24:00} closes at midnight).
 *
 * @param opens opening time of every working day without its own entry in {@code days}
 * @param closes closing time of those days
 * @param days per-weekday windows (split shifts included) that replace opens/closes for that weekday
 */
public record BusinessHours(String opens, String closes, Map<DayOfWeek, List<TimeWindow>> days) {

    public BusinessHours {
        days = days == null ? null : Map.copyOf(days.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> List.copyOf(entry.getValue()))));
    }

    public static BusinessHours of(String opens, String closes) {
        return new BusinessHours(opens, closes, null);
    }
}
