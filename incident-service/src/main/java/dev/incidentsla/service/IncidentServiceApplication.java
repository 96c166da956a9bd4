package dev.incidentsla.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication(scanBasePackages = "dev.incidentsla")
@ConfigurationPropertiesScan("dev.incidentsla")
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
