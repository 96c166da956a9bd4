package dev.incidentsla.sla.calendar;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/** Local times as explanations show them: seconds only when there are any. */
public final class LocalTimes {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd", Locale.ENGLISH);
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ENGLISH);
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xxx", Locale.ENGLISH);

    private LocalTimes() {
    }

    public static String day(TemporalAccessor date) {
        return DAY.format(date);
    }

    public static String time(ZonedDateTime time) {
        return (time.getSecond() == 0 && time.getNano() == 0 ? MINUTES : SECONDS).format(time);
    }

    /** Day, time and offset, e.g. {@code Fri 2026-11-20 17:00 +07:00}. */
    public static String dateTime(Instant instant, ZoneId zone) {
        ZonedDateTime local = ZonedDateTime.ofInstant(instant, zone);
        return day(local) + " " + time(local) + " " + OFFSET.format(local);
    }
}
