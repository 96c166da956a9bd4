package dev.incidentsla.projection;

import dev.incidentsla.eventstore.signal.CommitSignalListener;
import dev.incidentsla.eventstore.signal.SignalledEventStore;
import dev.incidentsla.projection.failure.PoisonedEvents;
import dev.incidentsla.projection.failure.SkipPoisonedEvents;
import dev.incidentsla.projection.health.Processors;
import dev.incidentsla.projection.settings.ProjectionProperties;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingModule;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.List;

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
     * A processor with no token yet (a new deployment, or its tokens deleted) starts with a null token, before the
     * first event, and reads the history as it reads live events, instead of in Axon's default "replay up to the head
     * at start": a replay token makes every segment's stream copy each event, its own or not, into a new message
     * (parsing its timestamp) and compare gap sets, about 9 % of the processors' CPU in a catch-up (CatchUpBenchmark).
     * Nothing here tells a replay apart: no handler disallows one, and an alert keeps its id either way. A reset
     * ({@code resetTokens()}) is still a replay from the first event.
     */
    @Bean
    EventProcessingModule eventProcessingModule() {
        return new EventProcessingModule() {
            @Override
            protected EventProcessor trackingEventProcessor(String name, EventHandlerInvoker eventHandlerInvoker,
                                                            TrackingEventProcessorConfiguration config,
                                                            StreamableMessageSource<TrackedEventMessage<?>> source) {
                return super.trackingEventProcessor(name, eventHandlerInvoker,
                        config.andInitialTrackingToken(messageSource -> null), source);
            }
        };
    }

    /**
     * The projection sends no Axon message, so it has no correlation data to pass on; with none, Axon no longer
     * deserializes every handled event's metadata to build it (about 7 % of the processors' CPU in a catch-up).
     * Applied after Axon's own module, which takes every {@code CorrelationDataProvider} bean (the event store's, for
     * the incident service's commands).
     */
    @Bean
    ConfigurerModule noCorrelationData() {
        return new ConfigurerModule() {
            @Override
            public void configureModule(Configurer configurer) {
                configurer.configureCorrelationDataProviders(configuration -> List.of());
            }

            @Override
            public int order() {
                return Integer.MAX_VALUE;
            }
        };
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
