package dev.incidentsla.projection.alert;

import dev.incidentsla.projection.settings.ProjectionProperties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Production security settings under {@code sla-projection.kafka.properties.*} reach both Kafka clients of a node, the
 * producer that sends alerts and the admin client that probes the cluster and its topics, as {@code kafka-clients}
 * reads them. (KafkaAccessControlTest shows SASL working against a broker; TLS is shown here, by configuration.)
 */
class KafkaClientSettingsTest {

    private static final Map<String, String> PRODUCTION = Map.ofEntries(
            Map.entry("sla-projection.kafka.bootstrap-servers", "kafka-1.example:9093,kafka-2.example:9093"),
            Map.entry("sla-projection.kafka.create-topics", "false"),
            Map.entry("sla-projection.kafka.properties.security.protocol", "SASL_SSL"),
            Map.entry("sla-projection.kafka.properties.sasl.mechanism", "SCRAM-SHA-512"),
            Map.entry("sla-projection.kafka.properties.sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"sla\" password=\"s3cret\";"),
            Map.entry("sla-projection.kafka.properties.ssl.truststore.location", "/etc/kafka/truststore.p12"),
            Map.entry("sla-projection.kafka.properties.ssl.truststore.type", "PKCS12"),
            Map.entry("sla-projection.kafka.properties.ssl.truststore.password", "trust-me"),
            Map.entry("sla-projection.kafka.properties.ssl.keystore.location", "/etc/kafka/sla.p12"),
            Map.entry("sla-projection.kafka.properties.ssl.keystore.password", "key-pass"),
            Map.entry("sla-projection.kafka.properties.ssl.endpoint.identification.algorithm", "https"));

    private static ProjectionProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("sla-projection", ProjectionProperties.class);
    }

    private static void assertSecured(AbstractConfig client) {
        assertThat(client.getList("bootstrap.servers")).isEqualTo(List.of("kafka-1.example:9093", "kafka-2.example:9093"));
        assertThat(client.getString("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(client.getString("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
        assertThat(client.getPassword("sasl.jaas.config")).extracting(Password::value).asString()
                .contains("ScramLoginModule required username=\"sla\"");
        assertThat(client.getString("ssl.truststore.location")).isEqualTo("/etc/kafka/truststore.p12");
        assertThat(client.getString("ssl.truststore.type")).isEqualTo("PKCS12");
        assertThat(client.getPassword("ssl.truststore.password")).extracting(Password::value).isEqualTo("trust-me");
        assertThat(client.getString("ssl.keystore.location")).isEqualTo("/etc/kafka/sla.p12");
        assertThat(client.getPassword("ssl.keystore.password")).extracting(Password::value).isEqualTo("key-pass");
        assertThat(client.getString("ssl.endpoint.identification.algorithm")).isEqualTo("https");
    }

    @Test
    void tls_and_sasl_settings_reach_the_producer_as_kafka_clients_reads_them() {
        assertSecured(new ProducerConfig(new AlertPublisher(bind(PRODUCTION), Clock.systemUTC()).producerConfig()));
    }

    @Test
    void tls_and_sasl_settings_reach_the_admin_client_that_probes_the_cluster_and_its_topics() {
        assertSecured(new AdminClientConfig(new KafkaReachability(bind(PRODUCTION), Clock.systemUTC()).adminConfig()));
    }

    @Test
    void topics_are_created_by_default_for_the_local_run_and_not_when_turned_off() {
        assertThat(bind(Map.of()).kafka().createTopics()).isTrue();
        assertThat(bind(PRODUCTION).kafka().createTopics()).isFalse();
    }
}
