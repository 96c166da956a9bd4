package dev.incidentsla.sla.calendar;

import java.time.LocalTime;

/**
 * A local working window of one day, from {@code opensAt} (included) to {@code closesAt} (a deadline may
 * land exactly on it), in seconds since local midnight; {@code closesAt} may be 86 400 (24:00).
 */
public record WorkingWindow(int opensAt, int closesAt) implements Comparable<WorkingWindow> {

    static final int END_OF_DAY = 86_400;

    public WorkingWindow {
        if (opensAt < 0 || closesAt > END_OF_DAY || opensAt >= closesAt) {
            throw new IllegalArgumentException("a working window must open before it closes, within one day: "
                    + format(opensAt) + "-" + format(closesAt));
        }
    }

    /** Parses {@code HH:mm} or {@code HH:mm:ss} times; {@code 24:00} is the end of the day. */
    public static WorkingWindow parse(String opens, String closes) {
        return new WorkingWindow(parseTime(opens), parseTime(closes));
    }

    public static int parseTime(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a working window needs an opening and a closing time");
        }
        if (text.equals("24:00") || text.equals("24:00:00")) {
            return END_OF_DAY;
        }
        try {
            return LocalTime.parse(text).toSecondOfDay();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a local time (HH:mm, or 24:00)");
        }
    }

    public int seconds() {
        return closesAt - opensAt;
    }

    boolean overlaps(WorkingWindow other) {
        return opensAt < other.closesAt && other.opensAt < closesAt;
    }

    @Override
    public int compareTo(WorkingWindow other) {
        return Integer.compare(opensAt, other.opensAt);
    }

    static String format(int secondOfDay) {
        StringBuilder text = new StringBuilder(8);
        twoDigits(text, secondOfDay / 3600).append(':');
        twoDigits(text, secondOfDay / 60 % 60);
        if (secondOfDay % 60 != 0) {
            twoDigits(text.append(':'), secondOfDay % 60);
        }
        return text.toString();
    }

    private static StringBuilder twoDigits(StringBuilder text, int value) {
        return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    @Override
    public String toString() {
        return format(opensAt) + "-" + format(closesAt);
    }
}
