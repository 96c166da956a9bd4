package dev.incidentsla.eventstore;

/** Metadata keys every command carries into its events. */
public final class EventMetadata {

    /** Who sent the command: the {@code X-Actor} header or the authenticated principal. */
    public static final String ACTOR = "actor";
    /** The request's correlation id ({@code X-Correlation-Id}). */
    public static final String CORRELATION_ID = "correlationId";

    private EventMetadata() {
    }
}
