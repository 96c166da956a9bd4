package dev.incidentsla.sla.calendar;

import java.time.Duration;

/** Durations as people read them in explanations: 1h30m, 15m, 2d3h. */
public final class Durations {

    private Durations() {
    }

    public static String readable(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds == 0 && duration.getNano() == 0) {
            return "0m";
        }
        StringBuilder text = new StringBuilder();
        append(text, seconds / 86_400, "d");
        append(text, seconds / 3600 % 24, "h");
        append(text, seconds / 60 % 60, "m");
        append(text, seconds % 60, "s");
        if (duration.getNano() != 0) {
            text.append(duration.getNano() / 1_000_000).append("ms");
        }
        return text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount != 0) {
            text.append(amount).append(unit);
        }
    }
}
