package dev.incidentsla.listing;

import dev.incidentsla.api.incident.IncidentEvent;
import dev.incidentsla.incident.FoldedIncident;
import dev.incidentsla.incident.IncidentView;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lists incidents from the read model the "incident-list" processor keeps, newest submission first, ties broken by
 * incident id. Eventually consistent: an incident appears, and changes, once the processor has handled its events
 * (usually within its poll interval, incident-sla.list.poll-interval, on a running node). Blocking: call it off the
 * event loop.
 */
@Service
public class IncidentList {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /** A page of incident views; {@code next} continues after it, null when nothing follows. */
    public record Page(List<IncidentView> items, String next) {
    }

    private final IncidentListTable table;
    private final IncidentHistories histories;
    private final Clock clock;

    IncidentList(IncidentListTable table, IncidentHistories histories, Clock clock) {
        this.table = table;
        this.histories = histories;
        this.clock = clock;
    }

    /**
     * @param visibleContracts the contracts the caller may see, or null for all of them
     * @param after            the previous page's {@code next}, or null for the first page
     * @throws InvalidCursorException when {@code after} is not a cursor of this list with these filters
     */
    public Page list(IncidentFilter filter, Set<String> visibleContracts, int limit, String after) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit " + limit + " is outside 1 to " + MAX_LIMIT);
        }
        ListCursor cursor = after == null ? null : ListCursor.decode(after, filter);
        List<String> contracts = filter.contractId() != null ? List.of(filter.contractId())
                : visibleContracts == null ? null : visibleContracts.stream().sorted().toList();
        if (contracts != null && contracts.isEmpty()) {
            return new Page(List.of(), null);
        }
        Instant now = clock.instant();
        List<ListedIncident> rows = table.page(ListingQuery.page(filter, contracts, now, cursor, limit + 1));
        List<ListedIncident> page = rows.subList(0, Math.min(limit, rows.size()));
        String next = null;
        if (rows.size() > limit) {
            ListedIncident last = page.get(page.size() - 1);
            next = new ListCursor(last.submittedAt(), last.incidentId()).encode(filter);
        }
        Map<String, List<IncidentEvent>> events = histories.upTo(page);
        return new Page(page.stream()
                .map(row -> FoldedIncident.of(events.get(row.incidentId()), row.lastSequence()).viewAt(now))
                .toList(), next);
    }
}
