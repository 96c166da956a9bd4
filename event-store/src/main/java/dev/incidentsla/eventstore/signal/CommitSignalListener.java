package dev.incidentsla.eventstore.signal;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.context.SmartLifecycle;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Listens for {@link CommitSignal}s and runs its action for each batch of them. JDBC offers notifications only as a
 * blocking receive, hence a thread of its own, holding one connection of the pool. A signal missed (the connection
 * lost, this node starting) costs only latency: the readers' polls still find every event.
 */
public final class CommitSignalListener implements SmartLifecycle {

    private static final System.Logger LOG = System.getLogger(CommitSignalListener.class.getName());
    /** How long one receive blocks, and so how long stopping may take. */
    private static final int RECEIVE_MILLIS = 500;
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final Runnable onSignal;
    private volatile boolean running;
    private volatile boolean listening;
    private volatile Thread receiver;

    public CommitSignalListener(DataSource dataSource, Runnable onSignal) {
        this.dataSource = dataSource;
        this.onSignal = onSignal;
    }

    @Override
    public void start() {
        running = true;
        Thread thread = new Thread(this::receive, "commit-signal-listener");
        thread.setDaemon(true);
        receiver = thread;
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = receiver;
        if (thread != null) {
            try {
                thread.join(RECEIVE_MILLIS * 4L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Whether the connection is listening now (for health and tests). */
    public boolean isListening() {
        return listening;
    }

    private void receive() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + CommitSignal.CHANNEL);
                }
                listening = true;
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notifications.getNotifications(RECEIVE_MILLIS);
                    if (received != null && received.length > 0) {
                        onSignal.run();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (running) {
                    LOG.log(System.Logger.Level.WARNING, "Not listening for commit signals (polls only) for "
                            + RECONNECT_DELAY.toSeconds() + " s: " + e);
                    pause();
                }
            } finally {
                listening = false;
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT_DELAY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
