package dev.incidentsla.projection.alert;

import dev.incidentsla.projection.ProjectionProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AlertPublisherTest {

    @Test
    void an_external_cluster_with_sasl_is_configured_from_settings_and_delivery_guarantees_cannot_be_weakened() {
        MapConfigurationPropertySource settings = new MapConfigurationPropertySource(Map.of(
                "sla-projection.kafka.bootstrap-servers", "kafka-1.example:9093,kafka-2.example:9093",
                "sla-projection.kafka.properties.security.protocol", "SASL_SSL",
                "sla-projection.kafka.properties.sasl.mechanism", "SCRAM-SHA-512",
                "sla-projection.kafka.properties.sasl.jaas.config", "ScramLoginModule required;",
                "sla-projection.kafka.properties.acks", "1",
                "sla-projection.kafka.properties.enable.idempotence", "false"));
        ProjectionProperties properties = new Binder(settings).bind("sla-projection", ProjectionProperties.class).get();

        Map<String, Object> config = new AlertPublisher(properties).producerConfig();

        assertThat(config).containsEntry("bootstrap.servers", "kafka-1.example:9093,kafka-2.example:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "ScramLoginModule required;")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true);
        assertThat(properties.breachesTopic()).isEqualTo("incident.sla.breaches");
    }
}
