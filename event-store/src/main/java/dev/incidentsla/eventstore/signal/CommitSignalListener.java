package dev.incidentsla.eventstore.signal;

import org.postgresql.PGNotification;
import org.springframework.context.SmartLifecycle;

import javax.sql.DataSource;

/**
 * Listens for {@link CommitSignal}s and runs its action for each batch of them, and once whenever it starts listening
 * (commits may have been signalled while this node was not). A signal missed (the connection lost, this node starting)
 * costs only latency: the readers' polls still find every event, also through a pooler in transaction mode, where
 * {@code LISTEN} hears nothing.
 */
public final class CommitSignalListener implements SmartLifecycle {

    private final ChannelListener listener;

    public CommitSignalListener(DataSource dataSource, Runnable onSignal) {
        this.listener = new ChannelListener(dataSource, CommitSignal.CHANNEL, "commit signals (polls only)",
                new ChannelListener.Receiver() {
                    @Override
                    public void listening(boolean afterLoss) {
                        onSignal.run();
                    }

                    @Override
                    public void received(PGNotification[] notifications) {
                        onSignal.run();
                    }
                });
    }

    @Override
    public void start() {
        listener.start();
    }

    @Override
    public void stop() {
        listener.stop();
    }

    @Override
    public boolean isRunning() {
        return listener.isRunning();
    }

    /** Whether the connection is listening now (tests wait for it). */
    public boolean isListening() {
        return listener.isListening();
    }
}
