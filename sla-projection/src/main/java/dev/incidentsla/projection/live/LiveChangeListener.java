package dev.incidentsla.projection.live;

import dev.incidentsla.eventstore.signal.ChannelListener;
import org.postgresql.PGNotification;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Hears the {@link LiveNotifier}'s notifications of every node and hands the incidents to this node's
 * {@link LiveStream}. A connection lost means notifications may have been missed: the streams are then ended, so that
 * their clients reload rather than miss a change; so are they when this node stops.
 */
@Component
class LiveChangeListener implements SmartLifecycle, ChannelListener.Receiver {

    private final LiveStream stream;
    private final ChannelListener listener;

    LiveChangeListener(DataSource dataSource, LiveStream stream) {
        this.stream = stream;
        this.listener = new ChannelListener(dataSource, LiveNotifier.CHANNEL,
                "read-model changes (live streams end and their clients reload)", this);
    }

    @Override
    public void listening(boolean afterLoss) {
        if (afterLoss) {
            stream.restart("changes may have been missed while the listening connection was away");
        }
    }

    @Override
    public void received(PGNotification[] notifications) {
        stream.changed(incidents(notifications));
    }

    @Override
    public void start() {
        listener.start();
    }

    @Override
    public void stop() {
        listener.stop();
        stream.restart("this node is stopping");
    }

    @Override
    public boolean isRunning() {
        return listener.isRunning();
    }

    /** Whether the connection is listening now (tests wait for it). */
    boolean isListening() {
        return listener.isListening();
    }

    private static Set<String> incidents(PGNotification[] notifications) {
        Set<String> incidents = new LinkedHashSet<>();
        for (PGNotification notification : notifications) {
            for (String id : notification.getParameter().split(" ")) {
                if (!id.isEmpty()) {
                    incidents.add(id);
                }
            }
        }
        return incidents;
    }
}
