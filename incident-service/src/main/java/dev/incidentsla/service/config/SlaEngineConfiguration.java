package dev.incidentsla.service.config;

import dev.incidentsla.sla.data.HolidayLibrary;
import dev.incidentsla.sla.data.PolicyFiles;
import dev.incidentsla.sla.engine.LocationCalendars;
import dev.incidentsla.sla.engine.SlaEngine;
import dev.incidentsla.sla.policy.SlaPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/** The SLA engine with the shipped policy and holiday tables, or the operator's named in configuration. */
@Configuration(proxyBeanMethods = false)
class SlaEngineConfiguration {

    @Bean
    SlaPolicy slaPolicy(IncidentSlaProperties properties) {
        return properties.policyLocation() == null ? PolicyFiles.bundled() : PolicyFiles.read(properties.policyLocation());
    }

    @Bean
    HolidayLibrary holidayLibrary(IncidentSlaProperties properties) {
        return properties.holidaysLocation() == null ? HolidayLibrary.bundled()
                : HolidayLibrary.withOperatorTables(properties.holidaysLocation());
    }

    @Bean
    SlaEngine slaEngine(SlaPolicy policy, HolidayLibrary holidays) {
        return new SlaEngine(policy, new LocationCalendars(policy.locationDefaults(), holidays));
    }

    /**
     * UTC, ticking in microseconds: every instant the service takes itself (a command's default instant, a deadline
     * fact's detectedAt, the instant a view is judged at) is then one PostgreSQL keeps exactly, so that REST, the history
     * and the alerts built from it agree to the digit.
     */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.of(1, ChronoUnit.MICROS));
    }
}
