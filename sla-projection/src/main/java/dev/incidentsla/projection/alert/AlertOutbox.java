package dev.incidentsla.projection.alert;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code sla_alert_outbox} table: alerts written with the read-model change, published by the relay. */
@Repository
public class AlertOutbox {

    /** An alert ready to publish. */
    public record Alert(String alertId, String kind, String topic, String key, String payload, Instant deadline, Instant createdAt) {
    }

    private final JdbcTemplate jdbc;

    public AlertOutbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the alert unless one with its id exists; returns the creation instant of the alert that is stored. */
    public Instant add(Alert alert) {
        jdbc.update("INSERT INTO sla_alert_outbox (alert_id, kind, topic, message_key, payload, deadline, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (alert_id) DO NOTHING",
                alert.alertId(), alert.kind(), alert.topic(), alert.key(), alert.payload(), Timestamp.from(alert.deadline()),
                Timestamp.from(alert.createdAt()));
        return jdbc.queryForObject("SELECT created_at FROM sla_alert_outbox WHERE alert_id = ?", Timestamp.class,
                alert.alertId()).toInstant();
    }

    public List<Alert> unsent(int limit) {
        return jdbc.query("SELECT alert_id, kind, topic, message_key, payload, deadline, created_at FROM sla_alert_outbox "
                        + "WHERE sent_at IS NULL ORDER BY created_at, alert_id LIMIT ?",
                (rs, n) -> new Alert(rs.getString("alert_id"), rs.getString("kind"), rs.getString("topic"),
                        rs.getString("message_key"), rs.getString("payload"), rs.getTimestamp("deadline").toInstant(),
                        rs.getTimestamp("created_at").toInstant()), limit);
    }

    public void markSent(String alertId, Instant sentAt) {
        jdbc.update("UPDATE sla_alert_outbox SET sent_at = ? WHERE alert_id = ?", Timestamp.from(sentAt), alertId);
    }

    public long backlog() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM sla_alert_outbox WHERE sent_at IS NULL", Long.class);
        return count == null ? 0 : count;
    }

    public Optional<Instant> oldestUnsent() {
        Timestamp oldest = jdbc.queryForObject("SELECT min(created_at) FROM sla_alert_outbox WHERE sent_at IS NULL", Timestamp.class);
        return Optional.ofNullable(oldest).map(Timestamp::toInstant);
    }
}
