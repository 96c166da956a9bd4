package dev.incidentsla.projection.report;

import dev.incidentsla.api.Severity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Counts timers' outcomes in the read model with one aggregate query over the range of their start instants (an index
 * range scan of a month, a sequential scan of a year), grouped and ordered in the database. Nothing is recomputed: the
 * program, the severity and the outcome are what the incidents' histories recorded, so a past month's report does
 * not change when the policy does.
 */
@Repository
public class ComplianceReports {

    private final JdbcTemplate jdbc;

    public ComplianceReports(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Blocks on the database: call it off the event loop. */
    public ComplianceReport report(ReportQuery query) {
        Statement statement = statement(query);
        return new ComplianceReport(query.groupBy(),
                jdbc.query(statement.sql(), (rs, n) -> row(rs, query.groupBy(), query.timer()), statement.arguments().toArray()),
                query.timer().party());
    }

    /** The query and its arguments, as {@link #report} sends them (benchmarks explain it). */
    public record Statement(String sql, List<Object> arguments) {
    }

    public static Statement statement(ReportQuery query) {
        ReportedTimer timer = query.timer();
        List<ReportKey> keys = query.groupBy();
        StringBuilder sql = new StringBuilder("SELECT ");
        for (ReportKey key : keys) {
            sql.append(key.expression(timer)).append(" AS ").append(key.field().toLowerCase()).append(", ");
        }
        sql.append("count(*) FILTER (WHERE status = 'MET') AS met, count(*) FILTER (WHERE status = 'BREACHED') AS breached, ")
                .append("count(*) FILTER (WHERE status = 'CANCELLED') AS cancelled, ")
                .append("count(*) FILTER (WHERE status = 'PENDING') AS pending FROM ").append(timer.table())
                .append(" WHERE ");
        if (timer.condition() != null) {
            sql.append(timer.condition()).append(" AND ");
        }
        sql.append(timer.startColumn()).append(" >= ? AND ").append(timer.startColumn()).append(" < ?");
        List<Object> arguments = new ArrayList<>(List.of(query.from().atOffset(ZoneOffset.UTC), query.to().atOffset(ZoneOffset.UTC)));
        if (query.visibleContracts() != null) {
            sql.append(" AND contract_id = ANY (?)");
            arguments.add(query.visibleContracts().toArray(String[]::new));
        }
        if (!keys.isEmpty()) {
            String positions = positions(keys.size());
            sql.append(" GROUP BY ").append(positions).append(" ORDER BY ").append(positions);
        }
        return new Statement(sql.toString(), arguments);
    }

    private static String positions(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    }

    private static ComplianceReport.Row row(ResultSet rs, List<ReportKey> keys, ReportedTimer timer) throws SQLException {
        return new ComplianceReport.Row(timer.party(),
                keys.contains(ReportKey.CONTRACT) ? rs.getString("contractid") : null,
                keys.contains(ReportKey.SEVERITY) ? Severity.fromCode(rs.getString("severity")) : null,
                keys.contains(ReportKey.PROGRAM) ? rs.getString("program") : null,
                keys.contains(ReportKey.MONTH) ? rs.getString("month") : null,
                rs.getLong("met"), rs.getLong("breached"), rs.getLong("cancelled"), rs.getLong("pending"));
    }
}
