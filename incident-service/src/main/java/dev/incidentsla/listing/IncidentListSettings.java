package dev.incidentsla.listing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The incident list's settings ({@code incident-sla.list.*}).
 *
 * @param pollInterval how long the list's processor waits after a read that found nothing new: a row usually follows
 *                     its incident's command within about this long; longer means fewer, larger batches, shorter more
 *                     reads while idle
 */
@ConfigurationProperties("incident-sla.list")
record IncidentListSettings(@DefaultValue("PT0.05S") Duration pollInterval) {
}
