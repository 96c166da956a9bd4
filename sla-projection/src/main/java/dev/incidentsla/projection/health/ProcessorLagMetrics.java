package dev.incidentsla.projection.health;

import dev.incidentsla.api.incident.FirstResponseAtRisk;
import dev.incidentsla.api.incident.FirstResponseBreached;
import dev.incidentsla.projection.alert.SlaAlerts;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.incidentsla.eventstore.EventStoreConfiguration.EVENT_SCHEMA;

/**
 * How far this node's event processors are behind the event store, and what alerts wait behind them, refreshed every
 * 2 s for the segments this node owns (labels {@code processor}, {@code segment}: each segment is owned by one node, so
 * summed over the nodes every segment counts once):
 * <ul>
 * <li>{@code sla_processor_lag_events}: events stored beyond the segment's position;</li>
 * <li>{@code sla_processor_lag_seconds}: age of the oldest event the segment has not passed (0 once caught up);</li>
 * <li>{@code sla_alert_backlog} (label {@code segment}): at-risk and breach facts recorded, in the alert segment's
 * share of the events, that it has not yet published (looked for among the next {@value #BACKLOG_WINDOW} events only,
 * so that a catch-up from far behind costs one bounded read: it shows at most that window's share), and
 * {@code sla_alert_backlog_age_seconds}: how long ago the oldest of them was recorded;</li>
 * <li>{@code sla_processor_segments_unowned} (label {@code processor}): segments no live node owns, from the shared
 * token store, so every node reports the same value; their alerts wait until a node takes them over.</li>
 * </ul>
 */
@Component
public class ProcessorLagMetrics {

    private static final long BACKLOG_WINDOW = 10_000;
    private static final System.Logger LOG = System.getLogger(ProcessorLagMetrics.class.getName());
    private static final String OLDEST_EVENT_AFTER = "SELECT " + EVENT_SCHEMA.timestampColumn() + " FROM "
            + EVENT_SCHEMA.domainEventTable() + " WHERE " + EVENT_SCHEMA.globalIndexColumn() + " > ? ORDER BY "
            + EVENT_SCHEMA.globalIndexColumn() + " LIMIT 1";
    private static final String ALERT_FACTS_AFTER = "SELECT " + EVENT_SCHEMA.aggregateIdentifierColumn() + ", "
            + EVENT_SCHEMA.timestampColumn() + " FROM " + EVENT_SCHEMA.domainEventTable() + " WHERE "
            + EVENT_SCHEMA.globalIndexColumn() + " > ? AND " + EVENT_SCHEMA.globalIndexColumn() + " <= ? AND "
            + EVENT_SCHEMA.payloadTypeColumn() + " IN (?, ?) ORDER BY " + EVENT_SCHEMA.globalIndexColumn();

    /** When it was recorded stays the stored text: only the oldest fact's is read, for the backlog's age. */
    private record AlertFact(String aggregateId, String recordedAt) {

        Instant recordedAtInstant() {
            return DateTimeUtils.parseInstant(recordedAt);
        }
    }

    private final Processors processors;
    private final EventStoreHead head;
    private final TokenClaims claims;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final MultiGauge lagEvents;
    private final MultiGauge lagSeconds;
    private final MultiGauge alertBacklog;
    private final MultiGauge alertBacklogAge;
    private final MultiGauge unowned;

    public ProcessorLagMetrics(Processors processors, EventStoreHead head, TokenClaims claims, JdbcTemplate jdbc,
                               Clock clock, MeterRegistry registry) {
        this.processors = processors;
        this.head = head;
        this.claims = claims;
        this.jdbc = jdbc;
        this.clock = clock;
        lagEvents = MultiGauge.builder("sla.processor.lag.events")
                .description("Events stored beyond the position of a segment this node owns").register(registry);
        lagSeconds = MultiGauge.builder("sla.processor.lag").baseUnit("seconds")
                .description("Age of the oldest event a segment this node owns has not passed; 0 when caught up").register(registry);
        alertBacklog = MultiGauge.builder("sla.alert.backlog")
                .description("At-risk and breach facts recorded that the alert segment (owned by this node) has not published")
                .register(registry);
        alertBacklogAge = MultiGauge.builder("sla.alert.backlog.age").baseUnit("seconds")
                .description("How long ago the oldest unpublished at-risk or breach fact was recorded; 0 when none waits")
                .register(registry);
        unowned = MultiGauge.builder("sla.processor.segments.unowned")
                .description("Segments of the processor that no live node owns (whole cluster)").register(registry);
    }

    /** A refresh the database cannot answer keeps the previous values: health says the database is away. */
    @Scheduled(fixedDelay = 2_000, initialDelay = 1_000)
    public void refresh() {
        try {
            Instant now = clock.instant();
            long headPosition = head.current();
            List<MultiGauge.Row<?>> events = new ArrayList<>();
            List<MultiGauge.Row<?>> seconds = new ArrayList<>();
            List<MultiGauge.Row<?>> backlog = new ArrayList<>();
            List<MultiGauge.Row<?>> backlogAge = new ArrayList<>();
            List<MultiGauge.Row<?>> withoutOwner = new ArrayList<>();
            for (String name : Processors.NAMES) {
                Map<Integer, EventTrackerStatus> owned = processors.processor(name)
                        .map(StreamingEventProcessor::processingStatus).orElse(Map.of());
                for (Map.Entry<Integer, EventTrackerStatus> segment : owned.entrySet()) {
                    Tags tags = Tags.of("processor", name, "segment", segment.getKey().toString());
                    long position = segment.getValue().getCurrentPosition().orElse(-1);
                    events.add(MultiGauge.Row.of(tags, Math.max(0, headPosition - position)));
                    seconds.add(MultiGauge.Row.of(tags, oldestEventAfter(position).map(at -> secondsBetween(at, now)).orElse(0.0)));
                    if (name.equals(SlaAlerts.PROCESSING_GROUP)) {
                        List<AlertFact> waiting = alertFactsAfter(position, segment.getValue().getSegment());
                        backlog.add(MultiGauge.Row.of(Tags.of("segment", segment.getKey().toString()), waiting.size()));
                        backlogAge.add(MultiGauge.Row.of(Tags.of("segment", segment.getKey().toString()),
                                waiting.isEmpty() ? 0.0 : secondsBetween(waiting.get(0).recordedAtInstant(), now)));
                    }
                }
                withoutOwner.add(MultiGauge.Row.of(Tags.of("processor", name), claims.withoutLiveOwner(name, now).size()));
            }
            lagEvents.register(events, true);
            lagSeconds.register(seconds, true);
            alertBacklog.register(backlog, true);
            alertBacklogAge.register(backlogAge, true);
            unowned.register(withoutOwner, true);
        } catch (RuntimeException databaseAway) {
            LOG.log(System.Logger.Level.DEBUG, "processor metrics not refreshed: " + databaseAway);
        }
    }

    private Optional<Instant> oldestEventAfter(long position) {
        return jdbc.query(OLDEST_EVENT_AFTER, (rs, n) -> DateTimeUtils.parseInstant(rs.getString(1)), position).stream().findFirst();
    }

    /** The facts this segment will publish, oldest first: the processor sends an event to the segment its aggregate hashes to. */
    private List<AlertFact> alertFactsAfter(long position, Segment segment) {
        return jdbc.query(ALERT_FACTS_AFTER, (rs, n) -> new AlertFact(rs.getString(1), rs.getString(2)),
                        position, position + BACKLOG_WINDOW, FirstResponseAtRisk.class.getName(), FirstResponseBreached.class.getName())
                .stream().filter(fact -> segment.matches(fact.aggregateId())).toList();
    }

    private static double secondsBetween(Instant earlier, Instant later) {
        return Math.max(0, Duration.between(earlier, later).toMillis() / 1e3);
    }
}
