package dev.incidentsla.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import dev.incidentsla.eventstore.EventStoreConfiguration;

@SpringBootApplication(scanBasePackages = {"dev.incidentsla.service", "dev.incidentsla.contract", "dev.incidentsla.incident"})
@ConfigurationPropertiesScan("dev.incidentsla.service")
@Import(EventStoreConfiguration.class)
public class IncidentServiceApplication {

    /** Axon's update checker calls out to AxonIQ on start; a service must not phone home unasked. */
    private static final String AXON_UPDATE_CHECK = "axoniq.update-checker.disabled";

    public static void main(String[] args) {
        if (System.getProperty(AXON_UPDATE_CHECK) == null) {
            System.setProperty(AXON_UPDATE_CHECK, "true");
        }
        SpringApplication.run(IncidentServiceApplication.class, args);
    }
}
