package dev.incidentsla.projection.settings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Map;

/**
 * Settings of the SLA projection ({@code sla-projection.*}).
 *
 * @param source                 the CloudEvents {@code source} of every alert
 * @param breachesTopic          where breach alerts go
 * @param warningsTopic          where at-risk warnings go
 * @param kafka                  where alerts go: {@code bootstrap-servers}, and any client property (security.protocol,
 *                               sasl.mechanism, sasl.jaas.config, ssl.*, ...) under {@code properties}; acks and
 *                               idempotence are not among them, delivery needs acks=all and idempotence on;
 *                               {@code create-topics} whether this node creates the alert topics the cluster lacks
 * @param eventStorePollInterval how often the processors look for events appended by the incident service: the read
 *                               model's lag behind the incidents. Deadline facts, which alerts come from, do not wait
 *                               for it (the incident service signals their commit), unless the signal is lost
 *                               (docs/deadlines.md): then an alert waits up to this long. Each read is a batch and a
 *                               token commit for every segment: at 25 ms a burst of opens came a few events a read,
 *                               and the projection's reads and commits cost the database about as much as the opens'
 *                               appends (BENCHMARKS.md, twelfth session)
 * @param lagTolerance           health is DOWN while a segment this node owns has not reached the event-store head as
 *                               it stood this long ago
 */
@ConfigurationProperties("sla-projection")
public record ProjectionProperties(@DefaultValue("/incident-sla/sla-projection") String source,
                                   @DefaultValue("incident.sla.breaches") String breachesTopic,
                                   @DefaultValue("incident.sla.warnings") String warningsTopic,
                                   @DefaultValue Kafka kafka,
                                   @DefaultValue("PT0.25S") Duration eventStorePollInterval,
                                   @DefaultValue("PT5S") Duration lagTolerance) {

    /**
     * @param createTopics whether a node creates the alert topics it finds missing (on by default, for the local run);
     *                     a cluster whose topics are provisioned by its operators turns it off, and then a missing
     *                     topic is only reported (health DOWN, saying which and what to do)
     */
    public record Kafka(@DefaultValue("127.0.0.1:9092") String bootstrapServers,
                        @DefaultValue("true") boolean createTopics,
                        Map<String, String> properties) {

        public Map<String, String> propertiesOrEmpty() {
            return properties == null ? Map.of() : properties;
        }
    }
}
