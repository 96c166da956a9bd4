package dev.incidentsla.cluster.bench;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * What PostgreSQL executed during a phase, from {@code pg_stat_statements}: each statement's calls per operation of the
 * phase, its mean execution time and its share of the phase's execution time, so that a phase's database cost can be
 * read per statement (the database's CPU in {@link CpuUse} is only the sum).
 */
final class StatementCount {

    private static final int SHOWN = 14;
    private static final int QUERY_CHARACTERS = 150;

    private final DataSource db;

    private StatementCount(DataSource db) {
        this.db = db;
    }

    /** The server settings the extension needs: it must be loaded at the server's start. */
    static Map<String, String> serverSettings() {
        return Map.of("shared_preload_libraries", "pg_stat_statements", "pg_stat_statements.track", "all");
    }

    static StatementCount install(DataSource db) throws SQLException {
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        }
        return new StatementCount(db);
    }

    void reset() throws SQLException {
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_statements_reset()");
        }
    }

    /** The statements that took the most execution time since the last {@link #reset()}, per one of {@code operations}. */
    String since(double operations) throws SQLException {
        StringBuilder lines = new StringBuilder();
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT query, calls, total_exec_time, rows, sum(total_exec_time) OVER () AS all_time,
                            sum(calls) OVER () AS all_calls
                     FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'
                     ORDER BY total_exec_time DESC LIMIT""" + " " + SHOWN)) {
            boolean first = true;
            while (rows.next()) {
                double allTime = rows.getDouble("all_time");
                if (first) {
                    lines.append(String.format("statements: %.2f calls and %.0f µs of execution per operation%n",
                            rows.getDouble("all_calls") / operations, 1000 * allTime / operations));
                    first = false;
                }
                long calls = rows.getLong("calls");
                double time = rows.getDouble("total_exec_time");
                lines.append(String.format("  %5.2f calls/op %7.1f µs mean %5.1f %% rows/call %5.1f  %s%n", calls / operations,
                        1000 * time / Math.max(1, calls), 100 * time / Math.max(1e-9, allTime),
                        (double) rows.getLong("rows") / Math.max(1, calls), shortened(rows.getString("query"))));
            }
        }
        return lines.toString();
    }

    private static String shortened(String query) {
        String line = query.replaceAll("\\s+", " ").trim();
        return line.length() <= QUERY_CHARACTERS ? line : line.substring(0, QUERY_CHARACTERS) + " ...";
    }
}
