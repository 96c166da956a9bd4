package dev.incidentsla.incident;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Instants as PostgreSQL keeps them. */
final class StoredInstants {

    private StoredInstants() {
    }

    /**
     * A command's instant as PostgreSQL keeps instants (microseconds), so that the history, the read model and the
     * alert ids built from it agree to the digit.
     */
    static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
