package dev.incidentsla.projection.report;

import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaTimer;
import dev.incidentsla.api.TimerParty;
import dev.incidentsla.api.TimerStatus;
import dev.incidentsla.projection.report.TimerReportRow.IncidentFacts;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@code timer_report} table, and the incidents' facts its rows take from {@code sla_read_model}. Callers own the transaction. */
@Repository
public class TimerReportTable {

    private static final String COLUMNS = "incident_id, timer_id, timer, party, contract_id, program, severity, outcome_severity, "
            + "status, requested_at, started_at, due_at, stopped_at, last_sequence";

    private final JdbcTemplate jdbc;

    public TimerReportTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What a batch starts from: each incident's facts as the read model holds them, and its timers' rows by timer id. */
    public record Stored(Map<String, IncidentFacts> incidents, Map<String, Map<String, TimerReportRow>> timers) {
    }

    /**
     * The facts and timer rows of these incidents, with one query. The incident's read-model row is locked until the
     * transaction ends, in incident order as every writer of it locks, and stands for its timers' rows too.
     */
    public Stored lock(Collection<String> incidentIds) {
        Map<String, IncidentFacts> incidents = new HashMap<>();
        Map<String, Map<String, TimerReportRow>> timers = new HashMap<>();
        jdbc.query("SELECT s.incident_id AS incident, s.contract_id AS incident_contract, "
                + "s.severity AS incident_severity, s.last_sequence AS incident_sequence, t.timer_id, t.timer, t.party, "
                + "t.contract_id, t.program, t.severity, t.outcome_severity, t.status, t.requested_at, t.started_at, t.due_at, "
                + "t.stopped_at, t.last_sequence FROM sla_read_model s LEFT JOIN timer_report t ON t.incident_id = s.incident_id "
                + "WHERE s.incident_id = ANY (?) ORDER BY s.incident_id FOR UPDATE OF s", rs -> {
            String incidentId = rs.getString("incident");
            incidents.putIfAbsent(incidentId, new IncidentFacts(rs.getString("incident_contract"),
                    Severity.fromCode(rs.getString("incident_severity")), rs.getLong("incident_sequence")));
            if (rs.getString("timer_id") != null) {
                TimerReportRow row = row(incidentId, rs);
                timers.computeIfAbsent(incidentId, key -> new HashMap<>()).put(row.timerId(), row);
            }
        }, (Object) incidentIds.toArray(String[]::new));
        return new Stored(incidents, timers);
    }

    private static TimerReportRow row(String incidentId, ResultSet rs) throws SQLException {
        String outcomeSeverity = rs.getString("outcome_severity");
        return new TimerReportRow(incidentId, rs.getString("timer_id"), SlaTimer.valueOf(rs.getString("timer")),
                TimerParty.valueOf(rs.getString("party")), rs.getString("contract_id"), rs.getString("program"),
                Severity.fromCode(rs.getString("severity")), outcomeSeverity == null ? null : Severity.fromCode(outcomeSeverity),
                TimerStatus.valueOf(rs.getString("status")), instant(rs, "requested_at"), instant(rs, "started_at"),
                instant(rs, "due_at"), instant(rs, "stopped_at"), rs.getLong("last_sequence"));
    }

    /** Inserts or replaces these rows, in one batch, in the order given. */
    public void save(List<TimerReportRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO timer_report (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (incident_id, timer_id) DO UPDATE SET timer = EXCLUDED.timer, party = EXCLUDED.party, "
                        + "contract_id = EXCLUDED.contract_id, program = EXCLUDED.program, severity = EXCLUDED.severity, "
                        + "outcome_severity = EXCLUDED.outcome_severity, status = EXCLUDED.status, "
                        + "requested_at = EXCLUDED.requested_at, started_at = EXCLUDED.started_at, due_at = EXCLUDED.due_at, "
                        + "stopped_at = EXCLUDED.stopped_at, last_sequence = EXCLUDED.last_sequence",
                rows, rows.size(), TimerReportTable::bind);
    }

    private static void bind(PreparedStatement statement, TimerReportRow row) throws SQLException {
        statement.setString(1, row.incidentId());
        statement.setString(2, row.timerId());
        statement.setString(3, row.timer().name());
        statement.setString(4, row.party().name());
        statement.setString(5, row.contractId());
        statement.setString(6, row.program());
        statement.setString(7, row.severity().code());
        statement.setString(8, row.outcomeSeverity() == null ? null : row.outcomeSeverity().code());
        statement.setString(9, row.status().name());
        setInstant(statement, 10, row.requestedAt());
        setInstant(statement, 11, row.startedAt());
        setInstant(statement, 12, row.dueAt());
        setInstant(statement, 13, row.stoppedAt());
        statement.setLong(14, row.lastSequence());
    }

    /** As an offset date-time, so that the driver keeps the proleptic calendar (as the read model does). */
    private static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
