package dev.incidentsla.projection.alert;

import dev.incidentsla.projection.settings.ProjectionProperties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether this node reaches Kafka now, and whether the alert topics can take alerts: every two seconds, a cluster
 * description with a short timeout, so that health turns DOWN within seconds of an outage rather than when a send
 * finally times out, then a description of the two topics by name.
 *
 * <p>A topic is reported missing only when the broker says it does not exist, which it says only to a principal that
 * may describe it; a topic this principal may not describe is reported as such, never as missing (a listing would
 * silently leave it out). A missing topic is created when {@code sla-projection.kafka.create-topics} is on; a broker
 * that refuses (no CREATE) is asked again only every {@link #CREATION_RETRY_AFTER_REFUSAL}, since the refusal changes
 * only when an operator acts. Every change of a topic's status is logged once; alerts to a topic that cannot take them
 * fail and are held by their events until it can ({@link SlaAlerts}).
 */
@Component
public class KafkaReachability implements DisposableBean {

    static final Duration CREATION_RETRY_AFTER_REFUSAL = Duration.ofMinutes(1);
    private static final System.Logger LOG = System.getLogger(KafkaReachability.class.getName());
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(1_500);
    private static final Duration CREATION_TIMEOUT = Duration.ofSeconds(5);

    /** What the last probe found; {@code error} is null when the cluster answered. */
    public record Probe(boolean reachable, Instant at, String error) {
    }

    private record CreationFailure(AlertTopicStatus status, Instant at) {
    }

    private final Map<String, Object> adminConfig;
    private final List<String> topics;
    private final boolean createTopics;
    private final Clock clock;
    private final Map<String, CreationFailure> creationFailures = new HashMap<>();
    private volatile Probe last;
    private volatile Map<String, AlertTopicStatus> topicStatuses = Map.of();
    private Admin admin;

    public KafkaReachability(ProjectionProperties properties, Clock clock) {
        Map<String, Object> config = new HashMap<>(properties.kafka().propertiesOrEmpty());
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers());
        config.putIfAbsent(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        config.putIfAbsent(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis());
        config.putIfAbsent(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis());
        this.adminConfig = Map.copyOf(config);
        this.topics = List.of(properties.breachesTopic(), properties.warningsTopic());
        this.createTopics = properties.kafka().createTopics();
        this.clock = clock;
    }

    /** The admin client's configuration, as given to {@code kafka-clients}. */
    Map<String, Object> adminConfig() {
        return adminConfig;
    }

    /** The last probe, or empty before the first one has ended. */
    public Optional<Probe> last() {
        return Optional.ofNullable(last);
    }

    /** Each alert topic's status as the last probe that reached the cluster found it; empty before one did. */
    public Map<String, AlertTopicStatus> topics() {
        return topicStatuses;
    }

    @Scheduled(initialDelay = 0, fixedDelay = 2_000)
    public synchronized void probe() {
        try {
            if (admin == null) {
                admin = Admin.create(adminConfig);
            }
            Probe cluster = describeCluster();
            last = cluster;
            if (cluster.reachable()) {
                checkTopics();
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

    /** A cluster that refuses to describe itself to this principal has answered all the same: it is reachable. */
    private Probe describeCluster() throws InterruptedException, ExecutionException, TimeoutException {
        try {
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) PROBE_TIMEOUT.toMillis()))
                    .nodes().get(PROBE_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS).size();
            return nodes > 0 ? new Probe(true, clock.instant(), null) : new Probe(false, clock.instant(), "the cluster has no broker");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthorizationException refusal) {
                return new Probe(true, clock.instant(), "this principal may not describe the cluster: " + refusal);
            }
            throw e;
        }
    }

    private void checkTopics() throws InterruptedException {
        Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(topics, new DescribeTopicsOptions()
                .includeAuthorizedOperations(true).timeoutMs((int) PROBE_TIMEOUT.toMillis())).topicNameValues();
        Map<String, AlertTopicStatus> found = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String topic : topics) {
            try {
                TopicDescription description = described.get(topic).get(PROBE_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
                found.put(topic, mayWrite(description) ? AlertTopicStatus.exists(topic) : AlertTopicStatus.notWritable(topic));
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    missing.add(topic);
                } else if (e.getCause() instanceof AuthorizationException refusal) {
                    found.put(topic, AlertTopicStatus.notDescribable(topic, refusal));
                } else {
                    found.put(topic, lastKnownOr(topic, AlertTopicStatus.unchecked(topic, e.getCause())));
                }
            } catch (TimeoutException e) {
                found.put(topic, lastKnownOr(topic, AlertTopicStatus.unchecked(topic, e)));
            }
        }
        if (!missing.isEmpty()) {
            found.putAll(createTopics ? create(missing) : notToBeCreated(missing));
        }
        Map<String, AlertTopicStatus> statuses = new LinkedHashMap<>();
        topics.forEach(topic -> statuses.put(topic, found.get(topic)));
        statuses.values().forEach(this::logIfChanged);
        topicStatuses = Collections.unmodifiableMap(statuses);
    }

    /** A broker that does not say (an old one, or no authorizer that answers) is taken to allow it. */
    private static boolean mayWrite(TopicDescription description) {
        return description.authorizedOperations() == null || description.authorizedOperations().contains(AclOperation.WRITE)
                || description.authorizedOperations().contains(AclOperation.ALL);
    }

    private AlertTopicStatus lastKnownOr(String topic, AlertTopicStatus otherwise) {
        AlertTopicStatus known = topicStatuses.get(topic);
        return known != null ? known : otherwise;
    }

    private static Map<String, AlertTopicStatus> notToBeCreated(List<String> missing) {
        Map<String, AlertTopicStatus> statuses = new HashMap<>();
        missing.forEach(topic -> statuses.put(topic, AlertTopicStatus.missingAndNotToBeCreated(topic)));
        return statuses;
    }

    /** With the broker's defaults for partitions and replication. */
    private Map<String, AlertTopicStatus> create(List<String> missing) throws InterruptedException {
        Instant now = clock.instant();
        Map<String, AlertTopicStatus> statuses = new HashMap<>();
        List<NewTopic> toCreate = new ArrayList<>();
        for (String topic : missing) {
            CreationFailure failure = creationFailures.get(topic);
            if (failure != null && now.isBefore(failure.at().plus(CREATION_RETRY_AFTER_REFUSAL))) {
                statuses.put(topic, failure.status());
            } else {
                toCreate.add(new NewTopic(topic, Optional.empty(), Optional.empty()));
            }
        }
        if (toCreate.isEmpty()) {
            return statuses;
        }
        Map<String, KafkaFuture<Void>> created = admin.createTopics(toCreate,
                new CreateTopicsOptions().timeoutMs((int) CREATION_TIMEOUT.toMillis())).values();
        for (NewTopic newTopic : toCreate) {
            String topic = newTopic.name();
            try {
                created.get(topic).get(CREATION_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
                creationFailures.remove(topic);
                LOG.log(System.Logger.Level.INFO, "created the alert topic " + topic);
                statuses.put(topic, AlertTopicStatus.exists(topic));
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof TopicExistsException) {
                    creationFailures.remove(topic);
                    statuses.put(topic, AlertTopicStatus.exists(topic));
                } else {
                    AlertTopicStatus status = cause instanceof AuthorizationException
                            ? AlertTopicStatus.missingAndMayNotBeCreated(topic, cause)
                            : AlertTopicStatus.missingAndCreationFailed(topic, cause);
                    creationFailures.put(topic, new CreationFailure(status, now));
                    statuses.put(topic, status);
                }
            } catch (TimeoutException e) {
                statuses.put(topic, AlertTopicStatus.missingAndBeingCreated(topic));
            }
        }
        return statuses;
    }

    private void logIfChanged(AlertTopicStatus status) {
        AlertTopicStatus before = topicStatuses.get(status.topic());
        if (before != null && before.message().equals(status.message())) {
            return;
        }
        if (status.state() == AlertTopicStatus.State.EXISTS) {
            if (before != null) {
                LOG.log(System.Logger.Level.INFO, "the alert topic " + status.topic() + " takes alerts now");
            }
        } else if (status.state() != AlertTopicStatus.State.UNCHECKED) {
            LOG.log(System.Logger.Level.WARNING, "alert topic " + status.topic() + ": " + status.message());
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
