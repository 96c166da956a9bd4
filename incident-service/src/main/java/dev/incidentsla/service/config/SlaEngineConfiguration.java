package dev.incidentsla.service.config;

import dev.incidentsla.sla.data.HolidayLibrary;
import dev.incidentsla.sla.data.PolicyFiles;
import dev.incidentsla.sla.engine.LocationCalendars;
import dev.incidentsla.sla.engine.SlaEngine;
import dev.incidentsla.sla.policy.SlaPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

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

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
