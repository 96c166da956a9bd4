package dev.incidentsla.projection.live;

import dev.incidentsla.projection.readmodel.ReadModelChanges;
import dev.incidentsla.projection.readmodel.SlaRow;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells every projection node which incidents' rows a batch changed: a PostgreSQL {@code NOTIFY} on
 * {@link #CHANNEL}, sent in the batch's own transaction, so that it is delivered if and only if the rows commit, to the
 * {@link LiveChangeListener} of each node, whichever node processed the batch. The payload is the incident ids,
 * space-separated (an id never holds a space), split to stay under PostgreSQL's 8000-byte payload limit; listeners
 * read the rows themselves. One statement per batch, whatever its size.
 * <p>
 * A notifying transaction holds a database-wide lock while it commits; the projection commits without waiting for the
 * disk ({@code synchronous_commit} off), so the lock is held for no flush.
 */
@Component
class LiveNotifier implements ReadModelChanges {

    static final String CHANNEL = "sla_read_model_changed";
    static final int MAX_PAYLOAD_BYTES = 7900;

    private final JdbcTemplate jdbc;

    LiveNotifier(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void written(List<SlaRow> rows) {
        List<String> payloads = payloads(rows.stream().map(SlaRow::incidentId).toList());
        jdbc.query("SELECT pg_notify(?, payload) FROM unnest(?::text[]) AS payload", resultSet -> {
        }, CHANNEL, payloads.toArray(String[]::new));
    }

    /** The ids joined by spaces, in as few payloads as the limit allows. */
    static List<String> payloads(List<String> incidentIds) {
        List<String> payloads = new ArrayList<>();
        StringBuilder payload = new StringBuilder();
        int bytes = 0;
        for (String id : incidentIds) {
            int length = id.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > 0 && bytes + 1 + length > MAX_PAYLOAD_BYTES) {
                payloads.add(payload.toString());
                payload.setLength(0);
                bytes = 0;
            }
            if (bytes > 0) {
                payload.append(' ');
                bytes++;
            }
            payload.append(id);
            bytes += length;
        }
        if (bytes > 0) {
            payloads.add(payload.toString());
        }
        return payloads;
    }
}
