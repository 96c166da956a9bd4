package dev.incidentsla.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;
import dev.incidentsla.edge.HttpEdge;
import dev.incidentsla.eventstore.EventStoreConfiguration;

@SpringBootApplication(scanBasePackages = {"dev.incidentsla.service", "dev.incidentsla.contract", "dev.incidentsla.incident",
        "dev.incidentsla.listing"})
@ConfigurationPropertiesScan("dev.incidentsla.service")
@Import({EventStoreConfiguration.class, HttpEdge.class})
@EnableScheduling
public class IncidentServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(IncidentServiceApplication.class, args);
    }
}
