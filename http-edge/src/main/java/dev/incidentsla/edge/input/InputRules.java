package dev.incidentsla.edge.input;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;

/**
 * The forms the product accepts for the values it reads from clients, in the body and in parameters alike.
 * Instants and dates lie between 1970-01-01 and 9999-12-31 (UTC): what every client, PostgreSQL and RFC 3339 can
 * all represent, and far wider than any incident.
 */
public final class InputRules {

    public static final Instant EARLIEST_INSTANT = Instant.parse("1970-01-01T00:00:00Z");
    public static final Instant LATEST_INSTANT = Instant.parse("9999-12-31T23:59:59.999999999Z");
    public static final LocalDate EARLIEST_DATE = LocalDate.of(1970, 1, 1);
    public static final LocalDate LATEST_DATE = LocalDate.of(9999, 12, 31);

    private static final Pattern INSTANT = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final DateTimeFormatter STRICT_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    private InputRules() {
    }

    /** An ISO-8601 instant with its zone ({@code Z} or an offset), within the product's range. */
    public static Instant instant(String text) {
        if (text == null || !INSTANT.matcher(text).matches()) {
            throw new IllegalArgumentException("must be an instant with its zone, such as 2026-11-20T09:15:00Z");
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("is not a valid instant: " + text);
        }
        if (instant.isBefore(EARLIEST_INSTANT) || instant.isAfter(LATEST_INSTANT)) {
            throw new IllegalArgumentException("must lie between " + EARLIEST_INSTANT + " and 9999-12-31T23:59:59Z");
        }
        return instant;
    }

    /** An ISO-8601 calendar date, nothing more, within the product's range. */
    public static LocalDate date(String text) {
        if (text == null || !DATE.matcher(text).matches()) {
            throw new IllegalArgumentException("must be a date such as 2026-12-24");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text, STRICT_DATE);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("is not a valid date: " + text);
        }
        if (date.isBefore(EARLIEST_DATE) || date.isAfter(LATEST_DATE)) {
            throw new IllegalArgumentException("must lie between " + EARLIEST_DATE + " and " + LATEST_DATE);
        }
        return date;
    }

    /**
     * Text without control characters but tab, line feed and carriage return: a NUL or an escape sequence is in no
     * name, id or note, PostgreSQL refuses a NUL in text, and a terminal or a log would act on the rest.
     */
    public static String text(String text) {
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            if (Character.isISOControl(character) && character != '\t' && character != '\n' && character != '\r') {
                throw new IllegalArgumentException("must not contain control characters (found U+%04X at index %d)"
                        .formatted((int) character, index));
            }
        }
        return text;
    }

    /**
     * Whether a text says nothing: empty, or only white space and space separators, the no-break spaces included
     * ({@link String#isBlank()} takes U+00A0 for a character), so that a required name is never a space of any kind.
     */
    public static boolean isBlank(String text) {
        return text.codePoints().allMatch(point -> Character.isWhitespace(point) || Character.isSpaceChar(point));
    }

    /** A whole number in decimal digits, an optional minus in front: no hexadecimal, no octal, no plus, no blanks. */
    public static long wholeNumber(String text) {
        if (text == null || !text.matches("-?\\d{1,18}")) {
            throw new IllegalArgumentException("must be a whole number in decimal digits");
        }
        return Long.parseLong(text);
    }
}
