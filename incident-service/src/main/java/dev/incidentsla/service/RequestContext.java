package dev.incidentsla.service;

/**
 * Who sent a request and the correlation id it travels under; all land in every event's metadata.
 *
 * @param actor      the authenticated caller (the token's subject); without access control, the {@code X-Actor}
 *                   header, else "anonymous"
 * @param onBehalfOf who the caller says it acts for ({@code X-Actor} beside a token), or null: it adds to the actor
 *                   and never replaces it
 */
public record RequestContext(String actor, String onBehalfOf, String correlationId) {

    public RequestContext(String actor, String correlationId) {
        this(actor, null, correlationId);
    }
}
