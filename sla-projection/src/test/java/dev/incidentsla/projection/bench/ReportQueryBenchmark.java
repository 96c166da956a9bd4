package dev.incidentsla.projection.bench;

import dev.incidentsla.projection.report.ComplianceReports;
import dev.incidentsla.projection.report.ReportKey;
import dev.incidentsla.projection.report.ReportQuery;
import dev.incidentsla.projection.report.ReportedTimer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The compliance report's query at a million incidents (BENCHMARKS.md, issue 11): fills {@code sla_read_model} with
 * {@code -Dincidents} rows (default 1,000,000) submitted evenly over 2026, 200 contracts, four severities, four programs,
 * 90 % met, 6 % breached, 2 % cancelled, 2 % pending, then times reports of a month and of the year with every key,
 * without keys, and for a token limited to one contract, and prints the month's query plan. Then the same month without
 * the submission index, to show what it buys. Run:
 * {@code ./mvnw -B -pl sla-projection -am -Pbenchmarks -DskipTests test -Dbench.main=ReportQueryBenchmark}
 */
public final class ReportQueryBenchmark {

    private static final int RUNS = 20;

    private ReportQueryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int incidents = Integer.getInteger("incidents", 1_000_000);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            Flyway.configure().dataSource(postgres.getPostgresDatabase()).locations("classpath:db/projection")
                    .table("sla_projection_schema_history").load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
            long filling = System.nanoTime();
            jdbc.update("""
                    INSERT INTO sla_read_model (incident_id, contract_id, severity, product, program, rule, target, clock,
                        submitted_at, due_at, at_risk_at, status, responded_at, last_sequence, outcome_severity)
                    SELECT 'INC-' || n, 'contract-' || (n % 200), s.severity, 'azure-virtual-machines', p.program, 'rule',
                        'PT2H', 'ROUND_THE_CLOCK', submitted, submitted + interval '2 hours', submitted + interval '90 minutes',
                        o.status, CASE WHEN o.status IN ('MET', 'BREACHED') THEN submitted + interval '1 hour' END, 2,
                        CASE WHEN o.status <> 'PENDING' THEN s.severity END
                    FROM generate_series(1, ?) AS n,
                        LATERAL (SELECT timestamptz '2026-01-01 00:00:00+00' + (n::float8 / ?) * interval '365 days' AS submitted) t,
                        LATERAL (SELECT (ARRAY['1', 'A', 'B', 'C'])[1 + n % 4] AS severity) s,
                        LATERAL (SELECT (ARRAY['UNIFIED', 'UER', 'AZURE_RAPID_RESPONSE', 'AZURE_PLATFORM_MCS'])[1 + (n / 7) % 4] AS program) p,
                        LATERAL (SELECT CASE WHEN n % 50 = 0 THEN 'PENDING' WHEN n % 50 = 1 THEN 'CANCELLED'
                                             WHEN n % 50 < 5 THEN 'BREACHED' ELSE 'MET' END AS status) o""",
                    incidents, incidents);
            jdbc.execute("VACUUM ANALYZE sla_read_model");
            System.out.printf("filled %,d rows in %.1f s; table %s, submission index %s%n", incidents,
                    (System.nanoTime() - filling) / 1e9,
                    jdbc.queryForObject("SELECT pg_size_pretty(pg_table_size('sla_read_model'))", String.class),
                    jdbc.queryForObject("SELECT pg_size_pretty(pg_relation_size('sla_read_model_submitted'))", String.class));

            ComplianceReports reports = new ComplianceReports(jdbc);
            List<ReportKey> every = Arrays.asList(ReportKey.values());
            Instant november = Instant.parse("2026-11-01T00:00:00Z");
            Instant december = Instant.parse("2026-12-01T00:00:00Z");
            Instant year = Instant.parse("2026-01-01T00:00:00Z");
            Instant nextYear = Instant.parse("2027-01-01T00:00:00Z");
            time(reports, "a month, every key", new ReportQuery(ReportedTimer.FIRST_RESPONSE, november, december, every, null));
            time(reports, "a month, no key", new ReportQuery(ReportedTimer.FIRST_RESPONSE, november, december, List.of(), null));
            time(reports, "a month, by contract", new ReportQuery(ReportedTimer.FIRST_RESPONSE, november, december,
                    List.of(ReportKey.CONTRACT), null));
            time(reports, "a month, one contract's token, every key", new ReportQuery(ReportedTimer.FIRST_RESPONSE, november,
                    december, every, Set.of("contract-7")));
            time(reports, "the year, every key", new ReportQuery(ReportedTimer.FIRST_RESPONSE, year, nextYear, every, null));
            time(reports, "the year, by month", new ReportQuery(ReportedTimer.FIRST_RESPONSE, year, nextYear,
                    List.of(ReportKey.MONTH), null));
            explain(jdbc, new ReportQuery(ReportedTimer.FIRST_RESPONSE, november, december, every, null));
            explain(jdbc, new ReportQuery(ReportedTimer.FIRST_RESPONSE, year, nextYear, every, null));

            jdbc.execute("DROP INDEX sla_read_model_submitted");
            jdbc.execute("ANALYZE sla_read_model");
            time(reports, "without the submission index: a month, every key", new ReportQuery(ReportedTimer.FIRST_RESPONSE,
                    november, december, every, null));
        }
    }

    private static void time(ComplianceReports reports, String name, ReportQuery query) {
        int rows = 0;
        for (int warmUp = 0; warmUp < 3; warmUp++) {
            rows = reports.report(query).rows().size();
        }
        long[] millis = new long[RUNS];
        for (int run = 0; run < RUNS; run++) {
            long started = System.nanoTime();
            reports.report(query);
            millis[run] = (System.nanoTime() - started) / 1_000_000;
        }
        Arrays.sort(millis);
        System.out.printf("%-55s %5d rows: median %4d ms, max %4d ms (%d runs)%n", name, rows, millis[RUNS / 2],
                millis[RUNS - 1], RUNS);
    }

    private static void explain(JdbcTemplate jdbc, ReportQuery query) {
        System.out.println("plan of " + query.from() + " to " + query.to() + " by " + query.groupBy() + ":");
        ComplianceReports.Statement statement = ComplianceReports.statement(query);
        jdbc.queryForList("EXPLAIN (ANALYZE, BUFFERS) " + statement.sql(), String.class, statement.arguments().toArray())
                .forEach(line -> System.out.println("  " + line));
    }
}
