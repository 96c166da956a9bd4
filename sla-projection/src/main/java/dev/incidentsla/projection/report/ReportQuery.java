package dev.incidentsla.projection.report;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What a report counts: the timers started in {@code [from, to)}, of the visible contracts (null: all), grouped by
 * {@code groupBy} in that order (none: one row of totals).
 */
public record ReportQuery(ReportedTimer timer, Instant from, Instant to, List<ReportKey> groupBy, Set<String> visibleContracts) {

    public ReportQuery {
        groupBy = List.copyOf(groupBy);
        visibleContracts = visibleContracts == null ? null : Set.copyOf(visibleContracts);
    }
}
