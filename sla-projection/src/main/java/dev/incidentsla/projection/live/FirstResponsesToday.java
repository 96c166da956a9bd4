package dev.incidentsla.projection.live;

import dev.incidentsla.api.Severity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * First responses decided since an instant, from the read model: met (responded in time) by when the response was
 * recorded, breached by when the incident recorded the breach. Both are index range scans
 * ({@code sla_read_model_met}, {@code sla_read_model_breaches}).
 */
@Repository
class FirstResponsesToday {

    record Outcomes(long met, long breached) {
    }

    private final JdbcTemplate jdbc;

    FirstResponsesToday(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Of the {@code visibleContracts} (null: all), filtered by whatever else is not null. */
    Outcomes since(Instant since, Set<String> visibleContracts, String contractId, Severity severity, String program) {
        OffsetDateTime from = since.atOffset(ZoneOffset.UTC);
        StringBuilder sql = new StringBuilder("SELECT count(*) FILTER (WHERE status = 'MET') AS met, "
                + "count(*) FILTER (WHERE status = 'BREACHED') AS breached FROM sla_read_model "
                + "WHERE ((status = 'MET' AND responded_at >= ?) OR (status = 'BREACHED' AND breach_alert_at >= ?))");
        List<Object> arguments = new ArrayList<>(List.of(from, from));
        if (visibleContracts != null) {
            sql.append(" AND contract_id = ANY (?)");
            arguments.add(visibleContracts.toArray(String[]::new));
        }
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
        return jdbc.queryForObject(sql.toString(), (rs, n) -> new Outcomes(rs.getLong("met"), rs.getLong("breached")),
                arguments.toArray());
    }
}
