package dev.incidentsla.projection;

import dev.incidentsla.projection.schedule.DeadlineSchedule;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class ProjectionConfiguration {

    /** Events are appended by another process: look for new ones every 50 ms, not Axon's default second. */
    private static final long FETCH_DELAY_MILLIS = 50;

    @Bean
    EventStore eventStore(EventStorageEngine storageEngine) {
        return EmbeddedEventStore.builder().storageEngine(storageEngine).fetchDelay(FETCH_DELAY_MILLIS).build();
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
