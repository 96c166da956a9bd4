package dev.incidentsla.cluster.bench;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * What PostgreSQL executed during a phase, from {@code pg_stat_statements}: each statement's calls per operation of the
 * phase, its mean execution time and its share of the phase's execution time, so that a phase's database cost can be
 * read per statement (the database's CPU in {@link CpuUse} is only the sum). And where PostgreSQL's CPU went, by the
 * kind of process (its title: client backends, WAL writer, checkpointer, autovacuum...), in user and kernel time: the
 * execution time above is only part of a backend's, the rest being the protocol, commits and what runs beside them.
 * And the rows each table took per operation, with autovacuum's runs ({@code pg_stat_user_tables}).
 */
final class StatementCount {

    private static final int SHOWN = 14;
    /** Below the {@link #SHOWN} costliest, a statement still shown: sent this often per operation (commits, say). */
    private static final double FREQUENT = 0.02;
    private static final int QUERY_CHARACTERS = 150;

    private final DataSource db;
    private final Path dataDirectory;
    private Map<String, long[]> ticksAtReset = Map.of();
    private Map<String, long[]> tablesAtReset = Map.of();

    private StatementCount(DataSource db, Path dataDirectory) {
        this.db = db;
        this.dataDirectory = dataDirectory;
    }

    /** The server settings the extension needs: it must be loaded at the server's start. */
    static Map<String, String> serverSettings() {
        return Map.of("shared_preload_libraries", "pg_stat_statements", "pg_stat_statements.track", "all");
    }

    static StatementCount install(DataSource db, Path dataDirectory) throws SQLException {
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        }
        return new StatementCount(db, dataDirectory);
    }

    void reset() throws SQLException {
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_statements_reset()");
        }
        ticksAtReset = ticksByKind();
        tablesAtReset = tableCounters();
    }

    /**
     * The statements that took the most execution time since the last {@link #reset()}, and those sent often, per one
     * of {@code operations}.
     */
    String since(double operations) throws SQLException {
        StringBuilder lines = new StringBuilder();
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT query, calls, total_exec_time, rows, sum(total_exec_time) OVER () AS all_time,
                            sum(calls) OVER () AS all_calls
                     FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'
                     ORDER BY total_exec_time DESC""")) {
            boolean first = true;
            int rank = 0;
            while (rows.next()) {
                double allTime = rows.getDouble("all_time");
                if (first) {
                    lines.append(String.format("statements: %.2f calls and %.0f µs of execution per operation%n",
                            rows.getDouble("all_calls") / operations, 1000 * allTime / operations));
                    first = false;
                }
                long calls = rows.getLong("calls");
                if (rank++ >= SHOWN && calls / operations < FREQUENT) {
                    continue;
                }
                double time = rows.getDouble("total_exec_time");
                lines.append(String.format("  %5.2f calls/op %7.1f µs mean %5.1f %% rows/call %5.1f  %s%n", calls / operations,
                        1000 * time / Math.max(1, calls), 100 * time / Math.max(1e-9, allTime),
                        (double) rows.getLong("rows") / Math.max(1, calls), shortened(rows.getString("query"))));
            }
        }
        return lines.toString();
    }

    /**
     * The rows each table took since the last {@link #reset()}, per one of {@code operations}: inserted, updated (of
     * which HOT: no index touched), deleted, and how often autovacuum and autoanalyze ran on it.
     */
    String tablesSince(double operations) throws SQLException {
        Map<String, long[]> now = tableCounters();
        StringBuilder line = new StringBuilder("rows per operation by table (inserted, updated of which HOT, deleted; "
                + "autovacuum and autoanalyze runs in the phase):");
        now.forEach((table, counters) -> {
            long[] before = tablesAtReset.getOrDefault(table, new long[counters.length]);
            long[] delta = new long[counters.length];
            for (int i = 0; i < counters.length; i++) {
                delta[i] = counters[i] - before[i];
            }
            if (delta[0] + delta[1] + delta[3] + delta[4] + delta[5] > 0) {
                line.append(String.format(" %s %.2f, %.2f of which %.2f, %.2f; %d, %d;", table, delta[0] / operations,
                        delta[1] / operations, delta[2] / operations, delta[3] / operations, delta[4], delta[5]));
            }
        });
        return line.toString();
    }

    private Map<String, long[]> tableCounters() throws SQLException {
        Map<String, long[]> counters = new TreeMap<>();
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del, "
                     + "autovacuum_count, autoanalyze_count FROM pg_stat_user_tables")) {
            while (rows.next()) {
                counters.put(rows.getString(1), new long[] {rows.getLong(2), rows.getLong(3), rows.getLong(4),
                        rows.getLong(5), rows.getLong(6), rows.getLong(7)});
            }
        }
        return counters;
    }

    /** PostgreSQL's CPU since the last {@link #reset()} by kind of process, per one of {@code operations}. */
    String processesSince(double operations) {
        Map<String, long[]> now = ticksByKind();
        StringBuilder line = new StringBuilder("PostgreSQL CPU per operation by process (user + kernel):");
        now.forEach((kind, ticks) -> {
            long[] before = ticksAtReset.getOrDefault(kind, new long[2]);
            double user = (ticks[0] - before[0]) * CpuUse.NANOS_PER_TICK / 1000.0 / operations;
            double kernel = (ticks[1] - before[1]) * CpuUse.NANOS_PER_TICK / 1000.0 / operations;
            if (user + kernel >= 0.5) {
                line.append(String.format(" %s %.0f + %.0f µs;", kind, user, kernel));
            }
        });
        return line.toString();
    }

    /**
     * User and kernel ticks of the postmaster's children by their process title without its details (a client
     * backend's title names its user, database and address: those are one kind), and of the children it reaped
     * (autovacuum workers, closed connections) as {@code reaped}.
     */
    private Map<String, long[]> ticksByKind() {
        Map<String, long[]> ticks = new TreeMap<>();
        CpuUse.postmaster(dataDirectory).ifPresent(postmaster -> {
            long[] own = CpuUse.statTicks(postmaster.pid());
            ticks.put("reaped", new long[] {own[2], own[3]});
            postmaster.children().forEach(child -> {
                long[] times = CpuUse.statTicks(child.pid());
                ticks.merge(kind(child.pid()), new long[] {times[0], times[1]},
                        (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
            });
        });
        return ticks;
    }

    private static String kind(long pid) {
        try {
            String title = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ').trim();
            if (!title.startsWith("postgres: ")) {
                return "other";
            }
            String what = title.substring("postgres: ".length());
            return what.matches("\\S+ \\S+ \\d+\\.\\d+\\.\\d+\\.\\d+\\(\\d+\\).*") ? "backends" : what.replaceAll("\\s.*", "");
        } catch (IOException e) {
            return "other";
        }
    }

    private static String shortened(String query) {
        String line = query.replaceAll("\\s+", " ").trim();
        return line.length() <= QUERY_CHARACTERS ? line : line.substring(0, QUERY_CHARACTERS) + " ...";
    }
}
