package dev.incidentsla.incident;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;

/**
 * One stored event as auditors read it.
 *
 * @param type the event's name, e.g. IncidentOpened
 * @param timestamp when the event was stored (its payload holds the instant it is about)
 * @param metadata who sent the command ({@code actor}) and the request's {@code correlationId}
 */
@Schema(requiredProperties = {"sequence", "eventId", "type", "timestamp", "payload", "metadata"})
public record StoredEvent(long sequence, String eventId, String type, String revision, Instant timestamp, Object payload,
                          Map<String, Object> metadata) {
}
