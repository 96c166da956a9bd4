package dev.incidentsla.incident;

import org.springframework.stereotype.Component;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * This node's latest fold of each of the incidents it touched last: the one a command left once its events
 * committed, or the one the incident list's processor made from the store's events. Either is the fold of the
 * incident's committed events up to one of them, so a reader may build on it or take it for that event: the event
 * with that sequence number is the same whichever node reads it. Recency predicts the next event here; a frequency-based cache (Caffeine's) kept the folds of a
 * replay's first incidents and turned every new one away.
 */
@Component
public class RecentFolds {

    /** An incident's next command usually comes while it is among the last this many (a few kilobytes each). */
    static final int REMEMBERED_INCIDENTS = 5_000;

    private final Map<String, FoldedIncident> folds = Collections.synchronizedMap(
            new LinkedHashMap<>(REMEMBERED_INCIDENTS * 4 / 3 + 1, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, FoldedIncident> eldest) {
                    return size() > REMEMBERED_INCIDENTS;
                }
            });

    /** The incident folded up to and with its event {@code sequence}, if this node holds that fold. */
    public FoldedIncident at(String incidentId, long sequence) {
        FoldedIncident fold = folds.get(incidentId);
        return fold != null && fold.lastSequence() == sequence ? fold : null;
    }

    /**
     * Keeps the incident's fold in place of the one kept before, later or not: each is of committed events, and a
     * reader takes one only at the sequence it needs (the list's processor, behind a burst of commands, builds on its
     * own latest fold rather than on the command's).
     */
    public void keep(String incidentId, FoldedIncident fold) {
        folds.put(incidentId, fold);
    }

    /** Forgets every fold: the list's processor was reset, and a replay starts from each incident's opening. */
    public void clear() {
        folds.clear();
    }
}
