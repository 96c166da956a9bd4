package dev.incidentsla.projection.alert;

import dev.incidentsla.projection.settings.ProjectionProperties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether this node reaches Kafka now: every two seconds, a cluster description with a short timeout, so that
 * health turns DOWN within seconds of an outage rather than when a send finally times out. The first time the
 * cluster answers, creates the alert topics it lacks (a broker may also create them itself).
 */
@Component
public class KafkaReachability implements DisposableBean {

    private static final System.Logger LOG = System.getLogger(KafkaReachability.class.getName());
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(1_500);

    /** What the last probe found; {@code error} is null when the cluster answered. */
    public record Probe(boolean reachable, Instant at, String error) {
    }

    private final Map<String, Object> adminConfig;
    private final List<String> topics;
    private final Clock clock;
    private volatile Probe last;
    private Admin admin;
    private boolean topicsChecked;

    public KafkaReachability(ProjectionProperties properties, Clock clock) {
        Map<String, Object> config = new HashMap<>(properties.kafka().propertiesOrEmpty());
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers());
        config.putIfAbsent(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        config.putIfAbsent(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis());
        config.putIfAbsent(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis());
        this.adminConfig = Map.copyOf(config);
        this.topics = List.of(properties.breachesTopic(), properties.warningsTopic());
        this.clock = clock;
    }

    /** The last probe, or empty before the first one has ended. */
    public Optional<Probe> last() {
        return Optional.ofNullable(last);
    }

    @Scheduled(initialDelay = 0, fixedDelay = 2_000)
    public synchronized void probe() {
        try {
            if (admin == null) {
                admin = Admin.create(adminConfig);
            }
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) PROBE_TIMEOUT.toMillis()))
                    .nodes().get(PROBE_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS).size();
            last = nodes > 0 ? new Probe(true, clock.instant(), null) : new Probe(false, clock.instant(), "the cluster has no broker");
            if (nodes > 0 && !topicsChecked) {
                createMissingTopics();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            last = new Probe(false, clock.instant(), e.toString());
        } catch (ExecutionException e) {
            last = new Probe(false, clock.instant(), String.valueOf(e.getCause()));
        } catch (TimeoutException | RuntimeException e) {
            last = new Probe(false, clock.instant(), e.toString());
        }
    }

    /** Tried once per start, again only after a timeout: a refusal (no ACL to create topics) does not change. */
    private void createMissingTopics() throws InterruptedException {
        try {
            Set<String> existing = admin.listTopics(new ListTopicsOptions().timeoutMs((int) PROBE_TIMEOUT.toMillis()))
                    .names().get(PROBE_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
            List<NewTopic> missing = topics.stream().filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, Optional.empty(), Optional.empty())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(5, TimeUnit.SECONDS);
            }
            topicsChecked = true;
        } catch (TimeoutException e) {
            LOG.log(System.Logger.Level.INFO, "the alert topics could not be checked yet: " + e);
        } catch (ExecutionException e) {
            topicsChecked = true;
            if (!(e.getCause() instanceof TopicExistsException)) {
                LOG.log(System.Logger.Level.WARNING, "cannot create the alert topics " + topics + ", the broker must: " + e.getCause());
            }
        } catch (RuntimeException e) {
            topicsChecked = true;
            LOG.log(System.Logger.Level.WARNING, "cannot create the alert topics " + topics + ", the broker must: " + e);
        }
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
    }
}
