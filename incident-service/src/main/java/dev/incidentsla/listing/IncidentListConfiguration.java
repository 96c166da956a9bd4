package dev.incidentsla.listing;

import dev.incidentsla.eventstore.PolledEvents;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IncidentListSettings.class)
class IncidentListConfiguration {

    /** The source of the {@code incident-list} processor (see {@code axon.eventhandling.processors.*.source}). */
    @Bean
    PolledEvents incidentListEvents(EventStorageEngine storageEngine, IncidentListSettings settings) {
        return new PolledEvents("incident-list-events", storageEngine, settings.pollInterval());
    }
}
