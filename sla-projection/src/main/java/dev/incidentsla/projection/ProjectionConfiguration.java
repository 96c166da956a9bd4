package dev.incidentsla.projection;

import dev.incidentsla.projection.readmodel.SlaProjector;
import dev.incidentsla.projection.schedule.DeadlineSchedule;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class ProjectionConfiguration {

    /** Events are appended by another process: look for new ones every 50 ms, not Axon's default second. */
    private static final long FETCH_DELAY_MILLIS = 50;

    @Bean
    EventStore eventStore(EventStorageEngine storageEngine) {
        return EmbeddedEventStore.builder().storageEngine(storageEngine).fetchDelay(FETCH_DELAY_MILLIS).build();
    }

    /**
     * A failing event handler must not skip its event (a skipped response would become a false breach): the
     * error stops the segment, which retries from its token.
     */
    @Bean
    ConfigurerModule failingHandlersRetry() {
        return configurer -> configurer.eventProcessing(processing -> processing.registerListenerInvocationErrorHandler(
                SlaProjector.PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance()));
    }

    /**
     * Its own Netty resources rather than Reactor's global ones, so that stopping the projection never stops
     * another web server in the same JVM (the end-to-end tests run the incident service beside it).
     */
    @Bean
    ReactorResourceFactory reactorResourceFactory() {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        return factory;
    }

    @Bean
    DeadlineSchedule deadlineSchedule() {
        return new DeadlineSchedule();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
