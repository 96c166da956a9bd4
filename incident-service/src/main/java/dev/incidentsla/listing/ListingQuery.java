package dev.incidentsla.listing;

import dev.incidentsla.api.FirstResponseStatus;
import dev.incidentsla.api.Severity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The SQL of one page. Each filter is an equality on a column of an index's prefix ({@code V4__incident_list.sql}), and
 * a filter left out stands for each of its values; the query reads one index range per combination of those values,
 * each in (submitted_at, incident_id) order from the cursor on and at most a page long, and PostgreSQL merges them
 * (Merge Append). So a page costs about its own length in index entries, whatever the filters and however deep the
 * page, rather than a sort of everything that matches.
 * <p>
 * The first-response status is judged at the request's instant, as the items are: PENDING is recorded PENDING with a
 * deadline not yet passed, BREACHED is recorded BREACHED or recorded PENDING with a deadline passed.
 * <p>
 * A few contracts get ranges of their own. More of them (a token whose {@code contracts} claim holds hundreds) would
 * make thousands of branches, past PgJDBC's 65,535 parameters and slow to plan well before: each combination of the
 * other columns then names all the contracts at once ({@code contract_id = ANY (?)}, one array parameter), still one
 * branch per combination in (submitted_at, incident_id) order with the same cursor condition and limit, so the order and
 * the pages are the same. PostgreSQL reads such a branch newest first from the index without a contract and keeps the
 * contracts' rows (plan in BENCHMARKS.md, "Listing incidents").
 */
final class ListingQuery {

    private static final List<String> STATUSES = List.of("OPEN", "CLOSED");
    /** Up to this many contracts, each has index ranges of its own; beyond, a range set reads them all at once. */
    static final int MOST_CONTRACTS_READ_APART = 8;

    /** A statement and its parameters, in order. */
    record Sql(String text, List<Object> parameters) {
    }

    /** The condition on the contract of one range set and its parameter; no condition: every contract. */
    private record ContractCondition(String sql, Object value) {
    }

    /** One first-response status as recorded, and a condition on its deadline relative to the request's instant. */
    private record RecordedStatus(FirstResponseStatus recorded, String deadline) {
    }

    private ListingQuery() {
    }

    /**
     * @param contracts the contracts to read, or null for the index without a contract
     * @param rows      how many rows to read at most (a page and one more, to know whether another follows)
     */
    static Sql page(IncidentFilter filter, List<String> contracts, Instant now, ListCursor after, int rows) {
        List<String> branches = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        for (ContractCondition contract : contractConditions(contracts)) {
            for (String status : filter.status() == null ? STATUSES : List.of(filter.status())) {
                for (Severity severity : filter.severity() == null ? List.of(Severity.values()) : List.of(filter.severity())) {
                    for (RecordedStatus recorded : recordedStatuses(filter.firstResponseStatus())) {
                        branches.add(branch(filter, contract, status, severity, recorded, now, after, rows, parameters));
                    }
                }
            }
        }
        parameters.add(rows);
        String text = "SELECT l.incident_id, l.contract_id, l.status, l.severity, l.first_response_status, "
                + "l.first_response_due_at, l.submitted_at, l.last_sequence "
                + "FROM (SELECT incident_id, submitted_at FROM (" + String.join(" UNION ALL ", branches) + ") AS ranges "
                + "ORDER BY submitted_at DESC, incident_id DESC LIMIT ?) AS page "
                + "JOIN incident_list l ON l.incident_id = page.incident_id "
                + "ORDER BY page.submitted_at DESC, page.incident_id DESC";
        return new Sql(text, parameters);
    }

    /** No condition (every contract), one per contract when there are few, or one for all of them. */
    private static List<ContractCondition> contractConditions(List<String> contracts) {
        if (contracts == null) {
            return List.of(new ContractCondition(null, null));
        }
        if (contracts.size() > MOST_CONTRACTS_READ_APART) {
            return List.of(new ContractCondition("contract_id = ANY (?)", contracts.toArray(String[]::new)));
        }
        return contracts.stream().map(contract -> new ContractCondition("contract_id = ?", contract)).toList();
    }

    private static String branch(IncidentFilter filter, ContractCondition contract, String status, Severity severity,
                                 RecordedStatus recorded, Instant now, ListCursor after, int rows, List<Object> parameters) {
        StringBuilder where = new StringBuilder();
        if (contract.sql() != null) {
            where.append(contract.sql()).append(" AND ");
            parameters.add(contract.value());
        }
        where.append("status = ? AND severity = ? AND first_response_status = ?");
        parameters.add(status);
        parameters.add(severity.code());
        parameters.add(recorded.recorded().name());
        if (recorded.deadline() != null) {
            where.append(" AND first_response_due_at ").append(recorded.deadline()).append(" ?");
            parameters.add(IncidentListTable.utc(now));
        }
        if (filter.submittedFrom() != null) {
            where.append(" AND submitted_at >= ?");
            parameters.add(IncidentListTable.utc(filter.submittedFrom()));
        }
        if (filter.submittedTo() != null) {
            where.append(" AND submitted_at < ?");
            parameters.add(IncidentListTable.utc(filter.submittedTo()));
        }
        if (after != null) {
            where.append(" AND (submitted_at, incident_id) < (?, ?)");
            parameters.add(IncidentListTable.utc(after.submittedAt()));
            parameters.add(after.incidentId());
        }
        parameters.add(rows);
        return "(SELECT incident_id, submitted_at FROM incident_list WHERE " + where
                + " ORDER BY submitted_at DESC, incident_id DESC LIMIT ?)";
    }

    private static List<RecordedStatus> recordedStatuses(FirstResponseStatus atTheInstant) {
        if (atTheInstant == null) {
            return Arrays.stream(FirstResponseStatus.values()).map(status -> new RecordedStatus(status, null)).toList();
        }
        return switch (atTheInstant) {
            case PENDING -> List.of(new RecordedStatus(FirstResponseStatus.PENDING, ">="));
            case BREACHED -> List.of(new RecordedStatus(FirstResponseStatus.BREACHED, null),
                    new RecordedStatus(FirstResponseStatus.PENDING, "<"));
            case MET, CANCELLED -> List.of(new RecordedStatus(atTheInstant, null));
        };
    }
}
