package dev.incidentsla.projection.readmodel;

import dev.incidentsla.api.FirstResponseStatus;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaClock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The {@code sla_read_model} table. Callers own the transaction. */
@Repository
public class SlaReadModel {

    private static final String COLUMNS = "incident_id, contract_id, severity, product, program, rule, target, clock, "
            + "submitted_at, due_at, at_risk_at, status, responded_at, warning_alert_at, warned_due_at, breach_alert_at, last_sequence, "
            + "outcome_severity";

    private static final RowMapper<SlaRow> ROW = (rs, n) -> new SlaRow(rs.getString("incident_id"), rs.getString("contract_id"),
            Severity.fromCode(rs.getString("severity")), rs.getString("product"), rs.getString("program"), rs.getString("rule"),
            Duration.parse(rs.getString("target")), SlaClock.valueOf(rs.getString("clock")), instant(rs, "submitted_at"),
            instant(rs, "due_at"), instant(rs, "at_risk_at"),
            FirstResponseStatus.valueOf(rs.getString("status")), instant(rs, "responded_at"),
            instant(rs, "warning_alert_at"), instant(rs, "warned_due_at"),
            instant(rs, "breach_alert_at"), rs.getLong("last_sequence"),
            rs.getString("outcome_severity") == null ? null : Severity.fromCode(rs.getString("outcome_severity")));

    private final JdbcTemplate jdbc;

    public SlaReadModel(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<SlaRow> find(String incidentId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM sla_read_model WHERE incident_id = ?", ROW, incidentId).stream().findFirst();
    }

    /** The rows of these incidents that exist, unlocked. */
    public List<SlaRow> find(Collection<String> incidentIds) {
        return jdbc.query("SELECT " + COLUMNS + " FROM sla_read_model WHERE incident_id = ANY (?)", ROW,
                (Object) incidentIds.toArray(String[]::new));
    }

    /** The rows of these incidents that exist, locked until the transaction ends (in incident order, as every writer). */
    public Map<String, SlaRow> lock(Collection<String> incidentIds) {
        Map<String, SlaRow> rows = new HashMap<>();
        jdbc.query("SELECT " + COLUMNS + " FROM sla_read_model WHERE incident_id = ANY (?) ORDER BY incident_id FOR UPDATE",
                ROW, (Object) incidentIds.toArray(String[]::new)).forEach(row -> rows.put(row.incidentId(), row));
        return rows;
    }

    /** Inserts or replaces these rows, in one batch, in the order given. */
    public void save(List<SlaRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO sla_read_model (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (incident_id) DO UPDATE SET contract_id = EXCLUDED.contract_id, severity = EXCLUDED.severity, "
                        + "product = EXCLUDED.product, program = EXCLUDED.program, rule = EXCLUDED.rule, target = EXCLUDED.target, "
                        + "clock = EXCLUDED.clock, submitted_at = EXCLUDED.submitted_at, due_at = EXCLUDED.due_at, "
                        + "at_risk_at = EXCLUDED.at_risk_at, status = EXCLUDED.status, responded_at = EXCLUDED.responded_at, "
                        + "warning_alert_at = EXCLUDED.warning_alert_at, warned_due_at = EXCLUDED.warned_due_at, "
                        + "breach_alert_at = EXCLUDED.breach_alert_at, "
                        + "last_sequence = EXCLUDED.last_sequence, outcome_severity = EXCLUDED.outcome_severity",
                rows, rows.size(), SlaReadModel::bind);
    }

    private static void bind(PreparedStatement statement, SlaRow row) throws SQLException {
        statement.setString(1, row.incidentId());
        statement.setString(2, row.contractId());
        statement.setString(3, row.severity().code());
        statement.setString(4, row.product());
        statement.setString(5, row.program());
        statement.setString(6, row.rule());
        statement.setString(7, row.target().toString());
        statement.setString(8, row.clock().name());
        setInstant(statement, 9, row.submittedAt());
        setInstant(statement, 10, row.dueAt());
        setInstant(statement, 11, row.atRiskAt());
        statement.setString(12, row.status().name());
        setInstant(statement, 13, row.respondedAt());
        setInstant(statement, 14, row.warningAlertAt());
        setInstant(statement, 15, row.warnedDueAt());
        setInstant(statement, 16, row.breachAlertAt());
        statement.setLong(17, row.lastSequence());
        statement.setString(18, row.outcomeSeverity() == null ? null : row.outcomeSeverity().code());
    }

    private static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, timestamp(instant));
        }
    }

    /**
     * Pending SLAs, earliest deadline first, filtered by whatever is not null; {@code visibleContracts} limits the rows
     * to a caller's contracts.
     */
    public List<SlaRow> pending(Set<String> visibleContracts, String contractId, Severity severity, String program, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM sla_read_model WHERE status = 'PENDING'");
        List<Object> arguments = new ArrayList<>();
        limitTo(visibleContracts, sql, arguments);
        if (contractId != null) {
            sql.append(" AND contract_id = ?");
            arguments.add(contractId);
        }
        if (severity != null) {
            sql.append(" AND severity = ?");
            arguments.add(severity.code());
        }
        if (program != null) {
            sql.append(" AND program = ?");
            arguments.add(program);
        }
        sql.append(" ORDER BY due_at, incident_id LIMIT ?");
        arguments.add(limit);
        return jdbc.query(sql.toString(), ROW, arguments.toArray());
    }

    /**
     * Breaches the incidents recorded (detected) at or after {@code since}, most recent first, of the
     * {@code visibleContracts} (null: all).
     */
    public List<SlaRow> breachesSince(Set<String> visibleContracts, Instant since, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM sla_read_model WHERE breach_alert_at >= ?");
        List<Object> arguments = new ArrayList<>(List.of(timestamp(since)));
        limitTo(visibleContracts, sql, arguments);
        sql.append(" ORDER BY breach_alert_at DESC, incident_id LIMIT ?");
        arguments.add(limit);
        return jdbc.query(sql.toString(), ROW, arguments.toArray());
    }

    private static void limitTo(Set<String> visibleContracts, StringBuilder sql, List<Object> arguments) {
        if (visibleContracts != null) {
            sql.append(" AND contract_id = ANY (?)");
            arguments.add(visibleContracts.toArray(String[]::new));
        }
    }

    /** Pending SLAs of one severity and program: how many, and the earliest deadline among them. */
    public record PendingGroup(String severity, String program, long count, Instant earliestDue) {
    }

    /** Pending SLAs grouped by severity and program, for metrics (one pass over the pending index). */
    public List<PendingGroup> pendingBySeverityAndProgram() {
        return jdbc.query("SELECT severity, program, count(*) AS pending, min(due_at) AS earliest_due FROM sla_read_model "
                + "WHERE status = 'PENDING' GROUP BY severity, program", (rs, n) -> new PendingGroup(rs.getString("severity"),
                rs.getString("program"), rs.getLong("pending"), instant(rs, "earliest_due")));
    }

    /**
     * As an offset date-time rather than a {@code java.sql.Timestamp}: the driver then keeps the proleptic calendar,
     * so that an instant before 1582 (a year-0001 deadline) is stored as the instant it is.
     */
    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
