package dev.incidentsla.cluster.bench;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deadlines a killed incident node had picked and not finished: rows of {@code scheduled_tasks} still
 * {@code picked} a moment after the kill whose last heartbeat is older than the kill (the surviving node's
 * executions heartbeat, or finish, within that moment). Then watches them until the surviving node fires them
 * (a one-time task's row is deleted when it completes). db-scheduler names every node after the host, so
 * {@code picked_by} cannot tell the two nodes on one machine apart; the heartbeat can.
 */
final class OrphanedDeadlines {

    private static final Pattern INCIDENT = Pattern.compile("incident:([A-Za-z0-9._~-]+)");

    /** One orphaned deadline; {@code firedAt} is when its row left the table (null: not yet). */
    record Orphan(String taskInstance, Instant executionTime, Instant lastHeartbeat, String incidentId, String deadline,
                  Instant firedAt) {
        Orphan fired(Instant at) {
            return new Orphan(taskInstance, executionTime, lastHeartbeat, incidentId, deadline, at);
        }
    }

    private OrphanedDeadlines() {
    }

    static List<Orphan> find(DataSource database, Instant killedAt) throws SQLException {
        List<Orphan> orphans = new ArrayList<>();
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT task_instance, execution_time, last_heartbeat,"
                     + " task_data FROM scheduled_tasks WHERE picked AND last_heartbeat < ?")) {
            query.setTimestamp(1, Timestamp.from(killedAt));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    byte[] data = rows.getBytes(4);
                    String text = data == null ? "" : new String(data, StandardCharsets.ISO_8859_1);
                    Matcher incident = INCIDENT.matcher(text);
                    String deadline = text.contains("first-response-breach") ? "breach"
                            : text.contains("first-response-at-risk") ? "at-risk" : "?";
                    orphans.add(new Orphan(rows.getString(1), rows.getTimestamp(2).toInstant(),
                            rows.getTimestamp(3).toInstant(), incident.find() ? incident.group(1) : null, deadline, null));
                }
            }
        }
        return orphans;
    }

    /** Polls every 100 ms until every orphan's row is gone or the patience ran out. */
    static List<Orphan> awaitFired(DataSource database, List<Orphan> orphans, Duration patience)
            throws SQLException, InterruptedException {
        Map<String, Orphan> byInstance = new LinkedHashMap<>();
        orphans.forEach(orphan -> byInstance.put(orphan.taskInstance(), orphan));
        Instant giveUp = Instant.now().plus(patience);
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT task_instance FROM scheduled_tasks WHERE task_instance = ANY (?)")) {
            while (byInstance.values().stream().anyMatch(orphan -> orphan.firedAt() == null) && Instant.now().isBefore(giveUp)) {
                List<String> waiting = byInstance.values().stream().filter(orphan -> orphan.firedAt() == null)
                        .map(Orphan::taskInstance).toList();
                query.setArray(1, connection.createArrayOf("text", waiting.toArray()));
                Set<String> present = new HashSet<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        present.add(rows.getString(1));
                    }
                }
                Instant now = Instant.now();
                for (String instance : waiting) {
                    if (!present.contains(instance)) {
                        byInstance.computeIfPresent(instance, (key, orphan) -> orphan.fired(now));
                    }
                }
                Thread.sleep(100);
            }
        }
        return List.copyOf(byInstance.values());
    }
}
