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
 * lost, this node starting) costs only latency: the readers' polls still find every event. Receiving sends nothing to
 * the server, so a connection that died silently (a NAT or load balancer dropping it) would look like a quiet one: the
 * connection is checked whenever nothing arrived for a while, and replaced when it fails. Needs a session of its own:
 * through a pooler in transaction mode {@code LISTEN} hears nothing, and the polls carry the events.
 */
public final class CommitSignalListener implements SmartLifecycle {

    private static final System.Logger LOG = System.getLogger(CommitSignalListener.class.getName());
    /** How long one receive blocks, and so how long stopping may take. */
    private static final int RECEIVE_MILLIS = 500;
    private static final Duration CHECK_WHEN_QUIET_FOR = Duration.ofSeconds(10);
    private static final int CHECK_TIMEOUT_SECONDS = 2;
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

    /** Whether the connection is listening now (tests wait for it). */
    public boolean isListening() {
        return listening;
    }

    private void receive() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try {
                    listen(connection);
                } finally {
                    listening = false;
                    unlisten(connection);
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.log(System.Logger.Level.WARNING, "Not listening for commit signals (polls only) for "
                            + RECONNECT_DELAY.toSeconds() + " s: " + e);
                    pause();
                }
            }
        }
    }

    private void listen(Connection connection) throws SQLException {
        try (Statement listen = connection.createStatement()) {
            listen.execute("LISTEN " + CommitSignal.CHANNEL);
        }
        listening = true;
        // commits signalled while this node was not listening
        onSignal.run();
        PGConnection pgConnection = connection.unwrap(PGConnection.class);
        long quietSince = System.nanoTime();
        while (running) {
            PGNotification[] received = pgConnection.getNotifications(RECEIVE_MILLIS);
            if (received != null && received.length > 0) {
                onSignal.run();
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > CHECK_WHEN_QUIET_FOR.toNanos()) {
                if (!connection.isValid(CHECK_TIMEOUT_SECONDS)) {
                    throw new SQLException("the listening connection no longer answers");
                }
                quietSince = System.nanoTime();
            }
        }
    }

    /** The connection goes back to the pool: it must not go on collecting notifications no one reads. */
    private static void unlisten(Connection connection) {
        try (Statement unlisten = connection.createStatement()) {
            unlisten.execute("UNLISTEN *");
        } catch (SQLException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "UNLISTEN failed on a connection that is going away: " + e);
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
