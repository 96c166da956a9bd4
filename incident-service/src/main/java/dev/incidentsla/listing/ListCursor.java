package dev.incidentsla.listing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Where a page ended: the last item's submission instant and id. Opaque to clients: the position, and a checksum over
 * it and the page's filters, so that an edited cursor, or one used with other filters, is refused rather than read as
 * some other position. It grants nothing (every page is checked against the caller's contracts), so a checksum, not a
 * secret, is all it needs.
 */
record ListCursor(Instant submittedAt, String incidentId) {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int CHECKSUM_BYTES = 12;
    private static final String SEPARATOR = "\n";

    String encode(IncidentFilter filter) {
        String position = submittedAt + SEPARATOR + incidentId;
        return ENCODER.encodeToString(position.getBytes(StandardCharsets.UTF_8)) + "."
                + ENCODER.encodeToString(checksum(position, filter));
    }

    static ListCursor decode(String cursor, IncidentFilter filter) {
        String[] parts = cursor.split("\\.", -1);
        if (parts.length != 2) {
            throw invalid();
        }
        try {
            String position = new String(DECODER.decode(parts[0]), StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(DECODER.decode(parts[1]), checksum(position, filter))) {
                throw invalid();
            }
            String[] fields = position.split(SEPARATOR, 2);
            if (fields.length != 2) {
                throw invalid();
            }
            return new ListCursor(Instant.parse(fields[0]), fields[1]);
        } catch (IllegalArgumentException | DateTimeParseException malformed) {
            throw invalid();
        }
    }

    private static InvalidCursorException invalid() {
        return new InvalidCursorException("after is not a cursor this list gave for these filters: pass the previous "
                + "page's next unchanged, with the same filters");
    }

    private static byte[] checksum(String position, IncidentFilter filter) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha256.digest((position + SEPARATOR + SEPARATOR + filter.canonical()).getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(digest, CHECKSUM_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
