package dev.incidentsla.eventstore;

/** Metadata keys every command carries into its events. */
public final class EventMetadata {

    /** Who sent the command: the token's subject (without access control, the {@code X-Actor} header). */
    public static final String ACTOR = "actor";
    /** Who the sender says it acts for ({@code X-Actor} beside a token); absent when it said nothing. */
    public static final String ON_BEHALF_OF = "onBehalfOf";
    /** The request's correlation id ({@code X-Correlation-Id}). */
    public static final String CORRELATION_ID = "correlationId";

    private EventMetadata() {
    }
}
