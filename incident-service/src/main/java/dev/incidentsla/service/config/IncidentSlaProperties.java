package dev.incidentsla.service.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the incident service ({@code incident-sla.*}).
 *
 * @param policyLocation an operator's SLA policy file replacing the shipped one, or null
 * @param holidaysLocation a file or directory of holiday tables replacing or extending the shipped ones, or null
 * @param clockSkew how far in the future a command's own instant may lie before it is refused
 * @param commandRetries attempts at a command that lost an optimistic-concurrency race
 */
@ConfigurationProperties("incident-sla")
public record IncidentSlaProperties(Path policyLocation, Path holidaysLocation,
                                    @DefaultValue("PT30S") Duration clockSkew,
                                    @DefaultValue("3") int commandRetries,
                                    @DefaultValue EmbeddedDatabase embeddedDatabase) {

    /**
     * The embedded PostgreSQL of the local run.
     *
     * @param directory where it keeps its data across restarts
     * @param port its port on loopback, 0 for any free one (the local pipeline fixes it for the projection)
     * @param durable whether it flushes to disk what it acknowledged; only tests that throw their database away
     *                should trade that for speed
     */
    public record EmbeddedDatabase(@DefaultValue("true") boolean enabled, @DefaultValue("./data/postgres") Path directory,
                                   @DefaultValue("0") int port, @DefaultValue("true") boolean durable) {
    }
}
