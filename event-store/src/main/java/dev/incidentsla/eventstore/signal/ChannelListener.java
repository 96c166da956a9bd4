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
 * Listens on one PostgreSQL notification channel and hands what arrives to its {@link Receiver}. JDBC offers
 * notifications only as a blocking receive, hence a thread of its own, holding one connection of the pool. Receiving
 * sends nothing to the server, so a connection that died silently (a NAT or load balancer dropping it) would look like
 * a quiet one: the connection is checked whenever nothing arrived for a while, and replaced when it fails. Needs a
 * session of its own: through a pooler in transaction mode {@code LISTEN} hears nothing.
 */
public final class ChannelListener implements SmartLifecycle {

    /** What the listener tells its owner. Called on the listener's thread. */
    public interface Receiver {

        /**
         * The connection listens (again). {@code afterLoss}: it had been lost, and notifications sent meanwhile were
         * not heard.
         */
        void listening(boolean afterLoss);

        /** Notifications that arrived together, at least one. */
        void received(PGNotification[] notifications);
    }

    private static final System.Logger LOG = System.getLogger(ChannelListener.class.getName());
    /** How long one receive blocks, and so how long stopping may take. */
    private static final int RECEIVE_MILLIS = 500;
    private static final Duration CHECK_WHEN_QUIET_FOR = Duration.ofSeconds(10);
    private static final int CHECK_TIMEOUT_SECONDS = 2;
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final String channel;
    private final String whatIsMissedWhileAway;
    private final Receiver receiver;
    private volatile boolean running;
    private volatile boolean listening;
    private volatile Thread thread;

    /**
     * @param whatIsMissedWhileAway for the warning when the connection is lost, e.g. "commit signals (polls only)"
     */
    public ChannelListener(DataSource dataSource, String channel, String whatIsMissedWhileAway, Receiver receiver) {
        this.dataSource = dataSource;
        this.channel = channel;
        this.whatIsMissedWhileAway = whatIsMissedWhileAway;
        this.receiver = receiver;
    }

    @Override
    public void start() {
        running = true;
        Thread receiving = new Thread(this::receive, channel + "-listener");
        receiving.setDaemon(true);
        thread = receiving;
        receiving.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread receiving = thread;
        if (receiving != null) {
            try {
                receiving.join(RECEIVE_MILLIS * 4L);
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
        boolean lost = false;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try {
                    listen(connection, lost);
                } finally {
                    listening = false;
                    unlisten(connection);
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.log(System.Logger.Level.WARNING, "Not listening for " + whatIsMissedWhileAway + "; trying again in "
                            + RECONNECT_DELAY.toSeconds() + " s: " + e);
                    lost = true;
                    pause();
                }
            }
        }
    }

    private void listen(Connection connection, boolean afterLoss) throws SQLException {
        try (Statement listen = connection.createStatement()) {
            listen.execute("LISTEN " + channel);
        }
        listening = true;
        receiver.listening(afterLoss);
        PGConnection pgConnection = connection.unwrap(PGConnection.class);
        long quietSince = System.nanoTime();
        while (running) {
            PGNotification[] received = pgConnection.getNotifications(RECEIVE_MILLIS);
            if (received != null && received.length > 0) {
                receiver.received(received);
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
