package dev.incidentsla.listing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The incident list's settings ({@code incident-sla.list.*}).
 *
 * @param pollInterval how long the list's processor waits after a read that found nothing new: a row usually follows
 *                     its incident's command within about this long; longer means fewer, larger batches, shorter more
 *                     reads and batches. Under a burst of commands a read at 50 ms found a few events each time,
 *                     and the list's reads, batches and token commits cost the database about as much as the
 *                     commands' appends (BENCHMARKS.md, twelfth session); a quarter of a second is no lag for a list a
 *                     person reads, and a client that has just written reads the incident itself
 */
@ConfigurationProperties("incident-sla.list")
record IncidentListSettings(@DefaultValue("PT0.25S") Duration pollInterval) {
}
