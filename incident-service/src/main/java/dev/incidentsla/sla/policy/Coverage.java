package dev.incidentsla.sla.policy;

import dev.incidentsla.api.Channel;

import java.util.Set;

/**
 * Which incidents a held program covers at all.
 *
 * @param channels channels the incident must have been submitted through (any when empty)
 * @param scheduledEvent non-null when the program covers only incidents naming a scheduled event in its window
 */
public record Coverage(ProductScope products, Set<Channel> channels, ScheduledEventRule scheduledEvent) {

    public static final Coverage EVERYTHING = new Coverage(ProductScope.ALL, Set.of(), null);

    public Coverage {
        channels = Set.copyOf(channels);
    }
}
