package dev.incidentsla.listing;

import dev.incidentsla.eventstore.PolledEvents;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IncidentListConfiguration.Settings.class)
class IncidentListConfiguration {

    /**
     * The incident list's settings ({@code incident-sla.list.*}).
     *
     * @param pollInterval how long the list's processor waits after a read that found nothing new: a row follows its
     *                     incident's command within about this long; longer means fewer, larger batches
     */
    @ConfigurationProperties("incident-sla.list")
    record Settings(@DefaultValue("PT0.05S") Duration pollInterval) {
    }

    /** The source of the {@code incident-list} processor (see {@code axon.eventhandling.processors.*.source}). */
    @Bean
    PolledEvents incidentListEvents(EventStorageEngine storageEngine, Settings settings) {
        return new PolledEvents("incident-list-events", storageEngine, settings.pollInterval());
    }
}
