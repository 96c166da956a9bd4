package dev.incidentsla.projection;

import dev.incidentsla.eventstore.signal.CommitSignalListener;
import dev.incidentsla.eventstore.signal.SignalledEventStore;
import dev.incidentsla.projection.failure.PoisonedEvents;
import dev.incidentsla.projection.failure.SkipPoisonedEvents;
import dev.incidentsla.projection.health.Processors;
import dev.incidentsla.projection.settings.ProjectionProperties;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

import javax.sql.DataSource;
import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class ProjectionConfiguration {

    /**
     * Events are appended by another process: the processors read new ones when the incident service signals the
     * commit of a deadline fact, and otherwise every {@code sla-projection.event-store-poll-interval}.
     */
    @Bean
    SignalledEventStore eventStore(EventStorageEngine storageEngine, ProjectionProperties properties) {
        return new SignalledEventStore(EmbeddedEventStore.builder().storageEngine(storageEngine)
                .fetchDelay(Math.max(1, properties.eventStorePollInterval().toMillis())));
    }

    @Bean
    CommitSignalListener commitSignalListener(DataSource dataSource, SignalledEventStore eventStore) {
        return new CommitSignalListener(dataSource, eventStore::readNow);
    }

    /**
     * Both processors: a transient failure stops the segment, which retries from its token (a response skipped because
     * the database was away would leave a false breach on the dashboards); an event that can never be handled is
     * reported and skipped, so that it blocks nothing behind it.
     */
    @Bean
    ConfigurerModule processorsConfiguration(ObjectProvider<PoisonedEvents> poisonedEvents) {
        return configurer -> configurer.eventProcessing(processing -> Processors.NAMES.forEach(group -> processing
                .registerListenerInvocationErrorHandler(group,
                        configuration -> new SkipPoisonedEvents(group, poisonedEvents.getObject()))));
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
    Clock clock() {
        return Clock.systemUTC();
    }
}
