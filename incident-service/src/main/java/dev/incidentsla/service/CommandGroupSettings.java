package dev.incidentsla.service;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How commands sent together are committed together ({@code incident-sla.command-groups.*}, see {@link CommandGroups}).
 *
 * @param enabled whether they are; off, every command has a transaction of its own
 * @param lanes   groups handled at once on this node; an aggregate's commands always take the same lane
 * @param limit   commands in one group at most
 * @param maxWait how long a command waits at most to be taken into a group before it is sent alone, beside the lane
 */
@ConfigurationProperties("incident-sla.command-groups")
public record CommandGroupSettings(@DefaultValue("true") boolean enabled, @DefaultValue("2") int lanes,
                                   @DefaultValue("50") int limit, @DefaultValue("20ms") Duration maxWait) {

    public CommandGroupSettings {
        if (lanes < 1 || limit < 1) {
            throw new IllegalArgumentException("incident-sla.command-groups: lanes and limit must be at least 1, not "
                    + lanes + " and " + limit);
        }
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("incident-sla.command-groups.max-wait must be positive, not " + maxWait);
        }
    }
}
