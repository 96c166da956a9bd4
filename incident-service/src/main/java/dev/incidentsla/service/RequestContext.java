package dev.incidentsla.service;

/**
 * Who sent a request and the correlation id it travels under; both land in every event's metadata.
 *
 * @param actor the {@code X-Actor} header or the authenticated principal, else "anonymous"
 */
public record RequestContext(String actor, String correlationId) {
}
