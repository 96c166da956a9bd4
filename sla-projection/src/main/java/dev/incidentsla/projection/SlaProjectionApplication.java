package dev.incidentsla.projection;

import dev.incidentsla.edge.HttpEdge;
import dev.incidentsla.eventstore.EventStoreConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.util.Map;

@SpringBootApplication(scanBasePackages = "dev.incidentsla.projection")
@ConfigurationPropertiesScan("dev.incidentsla.projection")
@Import({EventStoreConfiguration.class, HttpEdge.class})
@EnableScheduling
public class SlaProjectionApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /**
     * The application, reading {@code sla-projection.yaml}: its own name, so that it runs beside the incident
     * service in one JVM (the end-to-end tests) without either reading the other's settings.
     */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(SlaProjectionApplication.class)
                .properties(Map.of("spring.config.name", "sla-projection"));
    }
}
