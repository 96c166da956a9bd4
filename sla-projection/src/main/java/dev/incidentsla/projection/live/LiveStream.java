package dev.incidentsla.projection.live;

import dev.incidentsla.projection.readmodel.SlaReadModel;
import org.springframework.stereotype.Component;
import reactor.core.Exceptions;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * This node's live changes, for every client connected to it: the {@link LiveChangeListener} hands it the incidents
 * whose rows committed (on any node), it reads them and passes each on to the clients whose filter it matches.
 * Nothing is read while no client is connected. Each client gets its changes through a bounded buffer of its own
 * ({@link #changes(int)}); a change a client cannot take is never held for it beyond that.
 * <p>
 * When the listener may have missed notifications (its connection was lost), every connected stream is ended: its
 * client reconnects and reloads the snapshot, rather than going on with a silent gap.
 */
@Component
class LiveStream {

    private static final System.Logger LOG = System.getLogger(LiveStream.class.getName());
    private static final Sinks.EmitFailureHandler RETRY_BRIEFLY = Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1));

    private final SlaReadModel readModel;
    private final Clock clock;
    private volatile Sinks.Many<LiveChange> sink = newSink();

    LiveStream(SlaReadModel readModel, Clock clock) {
        this.readModel = readModel;
        this.clock = clock;
    }

    private static Sinks.Many<LiveChange> newSink() {
        return Sinks.many().multicast().directBestEffort();
    }

    /** How many clients this node streams to now. */
    int clients() {
        return sink.currentSubscriberCount();
    }

    /** The rows of these incidents changed: read them and send them to the clients. Blocks (a database read). */
    void changed(Collection<String> incidentIds) {
        if (incidentIds.isEmpty() || clients() == 0) {
            return;
        }
        Instant now = clock.instant();
        List<LiveChange> changes = readModel.find(incidentIds).stream().map(row -> LiveChange.of(row, now)).toList();
        synchronized (this) {
            changes.forEach(change -> sink.emitNext(change, RETRY_BRIEFLY));
        }
    }

    /** Ends every stream (its clients reconnect and reload) and takes new ones from now on. */
    synchronized void restart(String why) {
        if (clients() > 0) {
            LOG.log(System.Logger.Level.INFO, "Ending " + clients() + " live streams so that their clients reload: " + why);
        }
        Sinks.Many<LiveChange> ended = sink;
        sink = newSink();
        ended.emitComplete(RETRY_BRIEFLY);
    }

    /**
     * The changes from now on that the client wants, through a buffer of {@code buffer} changes: a client that falls
     * further behind than that has its stream ended (and reconnects).
     */
    Flux<LiveChange> changes(Predicate<LiveChange> wanted, int buffer) {
        return Flux.defer(() -> sink.asFlux())
                .filter(wanted)
                .onBackpressureBuffer(buffer, dropped -> LOG.log(System.Logger.Level.INFO,
                        "A live client fell " + buffer + " changes behind: ending its stream"), BufferOverflowStrategy.ERROR)
                .onErrorResume(Exceptions::isOverflow, overflow -> Flux.empty());
    }
}
