package dev.incidentsla.eventstore.signal;

import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.util.List;

/**
 * Axon's embedded event store, which its tracking processors can be told to read now. Axon wakes its producer only for
 * events committed through this very store; events another process appends are found at the next poll
 * ({@code fetchDelay}) unless {@link #readNow()} is called, e.g. on a {@link CommitSignal}.
 */
public class SignalledEventStore extends EmbeddedEventStore {

    public SignalledEventStore(Builder builder) {
        super(builder);
    }

    /** Fetches new events at once if the store is waiting for its next poll, or once more when its current fetch ends. */
    public void readNow() {
        afterCommit(List.of());
    }
}
