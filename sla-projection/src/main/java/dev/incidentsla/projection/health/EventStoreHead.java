package dev.incidentsla.projection.health;

import dev.incidentsla.projection.settings.ProjectionProperties;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.OptionalLong;

/**
 * The event store's head (the global position of its newest event), sampled twice a second, so that a processor's
 * progress can be held against where the head stood a while ago: a processor that is at most that far behind is
 * keeping up, one that has not reached it lags.
 */
@Component
public class EventStoreHead {

    private static final System.Logger LOG = System.getLogger(EventStoreHead.class.getName());

    private record Sample(Instant at, long position) {
    }

    private final EventStore eventStore;
    private final Clock clock;
    private final Duration kept;
    private final Deque<Sample> samples = new ArrayDeque<>();

    public EventStoreHead(EventStore eventStore, Clock clock, ProjectionProperties properties) {
        this.eventStore = eventStore;
        this.clock = clock;
        this.kept = properties.lagTolerance().multipliedBy(2).plusSeconds(1);
    }

    /** The global position of the newest stored event, or -1 when the store is empty. */
    public long current() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    /** A sample the database cannot give is left out: the lag check then holds progress against an older head. */
    @Scheduled(initialDelay = 0, fixedDelay = 500)
    public void sample() {
        long position;
        try {
            position = current();
        } catch (RuntimeException databaseAway) {
            LOG.log(System.Logger.Level.DEBUG, "event-store head not sampled: " + databaseAway);
            return;
        }
        Instant now = clock.instant();
        synchronized (samples) {
            samples.addLast(new Sample(now, position));
            Instant forgetBefore = now.minus(kept);
            while (samples.size() > 1 && samples.peekFirst().at().isBefore(forgetBefore)) {
                samples.removeFirst();
            }
        }
    }

    /** Where the head stood at {@code instant}: the newest sample taken then or before, empty if none is that old. */
    public OptionalLong positionAsOf(Instant instant) {
        synchronized (samples) {
            Iterator<Sample> newestFirst = samples.descendingIterator();
            while (newestFirst.hasNext()) {
                Sample sample = newestFirst.next();
                if (!sample.at().isAfter(instant)) {
                    return OptionalLong.of(sample.position());
                }
            }
            return OptionalLong.empty();
        }
    }
}
