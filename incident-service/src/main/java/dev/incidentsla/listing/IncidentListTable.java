package dev.incidentsla.listing;

import dev.incidentsla.api.FirstResponseStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@code incident_list} table. Callers own the transaction. */
@Repository
class IncidentListTable {

    private static final String COLUMNS = "incident_id, contract_id, status, severity, first_response_status, "
            + "first_response_due_at, submitted_at, last_sequence";

    private static final RowMapper<ListedIncident> ROW = IncidentListTable::listed;

    private final JdbcTemplate jdbc;

    IncidentListTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The rows of these incidents that exist, locked until the transaction ends (in incident order, as every writer). */
    Map<String, ListedIncident> lock(Collection<String> incidentIds) {
        Map<String, ListedIncident> rows = new HashMap<>();
        jdbc.query("SELECT " + COLUMNS + " FROM incident_list WHERE incident_id = ANY (?) ORDER BY incident_id FOR UPDATE",
                ROW, (Object) incidentIds.toArray(String[]::new)).forEach(listed -> rows.put(listed.incidentId(), listed));
        return rows;
    }

    /**
     * Inserts or replaces these rows in one batch; a row never replaces one made from as many events or more (a node
     * that lost its segment to another while it worked, or a replay).
     */
    void save(List<ListedIncident> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO incident_list (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (incident_id) DO UPDATE SET contract_id = EXCLUDED.contract_id, status = EXCLUDED.status, "
                        + "severity = EXCLUDED.severity, first_response_status = EXCLUDED.first_response_status, "
                        + "first_response_due_at = EXCLUDED.first_response_due_at, submitted_at = EXCLUDED.submitted_at, "
                        + "last_sequence = EXCLUDED.last_sequence "
                        + "WHERE incident_list.last_sequence < EXCLUDED.last_sequence",
                rows, rows.size(), IncidentListTable::bind);
    }

    /** Empties the list, for a replay from the history's start. */
    void clear() {
        jdbc.update("DELETE FROM incident_list");
    }

    /** Runs a page query of {@link ListingQuery}; rows in the query's order. */
    List<ListedIncident> page(ListingQuery.Sql query) {
        return jdbc.query(query.text(), ROW, query.parameters().toArray());
    }

    private static void bind(PreparedStatement statement, ListedIncident listed) throws SQLException {
        statement.setString(1, listed.incidentId());
        statement.setString(2, listed.contractId());
        statement.setString(3, listed.status());
        statement.setString(4, listed.severityCode());
        statement.setString(5, listed.firstResponseStatus().name());
        statement.setObject(6, utc(listed.firstResponseDueAt()));
        statement.setObject(7, utc(listed.submittedAt()));
        statement.setLong(8, listed.lastSequence());
    }

    private static ListedIncident listed(ResultSet rs, int rowNumber) throws SQLException {
        return new ListedIncident(rs.getString("incident_id"), rs.getString("contract_id"), rs.getString("status"),
                rs.getString("severity"), FirstResponseStatus.valueOf(rs.getString("first_response_status")),
                instant(rs, "first_response_due_at"), instant(rs, "submitted_at"), rs.getLong("last_sequence"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
