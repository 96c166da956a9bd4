package dev.incidentsla.projection.alert;

import dev.incidentsla.projection.settings.ProjectionProperties;
import io.cloudevents.kafka.CloudEventSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Clock;
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
                "sla-projection.kafka.properties.ssl.truststore.location", "/etc/kafka/truststore.p12",
                "sla-projection.kafka.properties.acks", "1",
                "sla-projection.kafka.properties.enable.idempotence", "false",
                "sla-projection.kafka.properties.value.serializer", "org.apache.kafka.common.serialization.StringSerializer",
                "sla-projection.kafka.properties.cloudevents.serializer.encoding", "BINARY"));
        ProjectionProperties properties = new Binder(settings).bind("sla-projection", ProjectionProperties.class).get();

        Map<String, Object> config = new AlertPublisher(properties, Clock.systemUTC()).producerConfig();

        assertThat(config).containsEntry("bootstrap.servers", "kafka-1.example:9093,kafka-2.example:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "ScramLoginModule required;")
                .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.p12")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true)
                .containsEntry("value.serializer", CloudEventSerializer.class.getName())
                .containsEntry(CloudEventSerializer.ENCODING_CONFIG, "STRUCTURED")
                .containsEntry(CloudEventSerializer.EVENT_FORMAT_CONFIG, "application/cloudevents+json");
        assertThat(properties.breachesTopic()).isEqualTo("incident.sla.breaches");
        assertThat(properties.warningsTopic()).isEqualTo("incident.sla.warnings");
    }

    @Test
    void settings_default_to_the_local_pipeline() {
        ProjectionProperties properties = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("sla-projection", ProjectionProperties.class);
        assertThat(properties.kafka().bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(properties.source()).isEqualTo("/incident-sla/sla-projection");
        assertThat(properties.eventStorePollInterval()).hasMillis(250);
        assertThat(properties.lagTolerance()).hasSeconds(5);
    }
}
