package dev.incidentsla.projection;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Map;

/**
 * Settings of the SLA projection ({@code sla-projection.*}).
 *
 * @param source the CloudEvents {@code source} of every alert
 * @param kafka where alerts go: {@code bootstrap-servers}, and any producer property (security.protocol,
 *              sasl.mechanism, sasl.jaas.config, ...) under {@code properties}
 * @param relayBatchSize how many outbox rows one relay round publishes at most
 * @param unhealthyBacklogAge an unsent alert older than this makes health report DOWN
 */
@ConfigurationProperties("sla-projection")
public record ProjectionProperties(@DefaultValue("/incident-sla/sla-projection") String source,
                                   @DefaultValue("incident.sla.breaches") String breachesTopic,
                                   @DefaultValue("incident.sla.warnings") String warningsTopic,
                                   @DefaultValue Kafka kafka,
                                   @DefaultValue("200") int relayBatchSize,
                                   @DefaultValue("PT30S") Duration unhealthyBacklogAge) {

    public record Kafka(@DefaultValue("127.0.0.1:9092") String bootstrapServers, Map<String, String> properties) {

        public Map<String, String> propertiesOrEmpty() {
            return properties == null ? Map.of() : properties;
        }
    }
}
