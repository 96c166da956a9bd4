package dev.incidentsla.projection.report;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a report's rows can be grouped by ({@code groupBy}): each key's name in the query, its field in a row (and
 * column in CSV), and the column of the reported timer's table it reads.
 */
public enum ReportKey {
    CONTRACT("contract", "contractId"),
    SEVERITY("severity", "severity"),
    PROGRAM("program", "program"),
    MONTH("month", "month");

    private final String parameterName;
    private final String field;

    ReportKey(String parameterName, String field) {
        this.parameterName = parameterName;
        this.field = field;
    }

    public String parameterName() {
        return parameterName;
    }

    public String field() {
        return field;
    }

    /** This key's value of a row of {@code timer}'s table, as SQL. */
    String expression(ReportedTimer timer) {
        return switch (this) {
            // byte order, so that the rows' order is the same whatever the database's collation
            case CONTRACT -> "contract_id COLLATE \"C\"";
            case SEVERITY -> timer.severityColumn();
            case PROGRAM -> "program COLLATE \"C\"";
            case MONTH -> "to_char(" + timer.startColumn() + " AT TIME ZONE 'UTC', 'YYYY-MM')";
        };
    }

    public static Optional<ReportKey> named(String name) {
        return Arrays.stream(values()).filter(key -> key.parameterName.equals(name)).findFirst();
    }

    /** The keys' names, for a message: {@code contract, severity, program, month}. */
    public static String names() {
        return Arrays.stream(values()).map(ReportKey::parameterName).collect(Collectors.joining(", "));
    }
}
