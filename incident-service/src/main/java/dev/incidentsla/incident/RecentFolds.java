package dev.incidentsla.incident;

import org.springframework.stereotype.Component;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * This node's recent folds of incidents, each the fold of an incident's committed events up to one of them, so that the
 * incident list can move a row on without reading the incident's history again. Two kinds, kept apart so that neither
 * pushes the other out: the list's own latest fold of each incident it moved on, and the fold a command or deadline
 * handed over once its transaction committed, as of its first event (the one the list needs next). A fold is taken only
 * at the sequence a reader needs; the event with that sequence number is the same whichever node reads it.
 * <p>
 * Recency predicts the next event here; a frequency-based cache (Caffeine's) kept the folds of a replay's first
 * incidents and turned every new one away.
 */
@Component
public class RecentFolds {

    /** An incident's next command usually comes while it is among the last this many (a few kilobytes each). */
    private static final int LISTED_INCIDENTS = 5_000;
    /**
     * The list's processor takes a handed-over fold a poll interval (250 ms by default) and a batch or two after the
     * command (batches of up to 200 events on two segments): at a node's thousand commands a second, about four times
     * that, or twice with a second node (whose list segments take half of this node's folds elsewhere). A fold pushed
     * out costs the list a read of its incident's events, not a wrong row.
     */
    private static final int HANDED_OVER = 2_000;

    private final Map<String, FoldedIncident> listed = leastRecentOutFirst(LISTED_INCIDENTS);
    private final Map<String, FoldedIncident> handedOver = leastRecentOutFirst(HANDED_OVER);

    /** The incident folded up to and with its event {@code sequence}, if this node holds that fold. */
    public FoldedIncident at(String incidentId, long sequence) {
        FoldedIncident fold = listed.get(incidentId);
        if (fold != null && fold.lastSequence() == sequence) {
            return fold;
        }
        fold = handedOver.get(incidentId);
        return fold != null && fold.lastSequence() == sequence ? fold : null;
    }

    /** The list's own fold of the incident, in place of the one it kept before. */
    public void keep(String incidentId, FoldedIncident fold) {
        listed.put(incidentId, fold);
    }

    /** A command's fold of the incident after its first event; call it only once that event has committed. */
    void handOver(String incidentId, FoldedIncident fold) {
        handedOver.put(incidentId, fold);
    }

    private static Map<String, FoldedIncident> leastRecentOutFirst(int capacity) {
        return Collections.synchronizedMap(new LinkedHashMap<>(capacity * 4 / 3 + 1, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, FoldedIncident> eldest) {
                return size() > capacity;
            }
        });
    }
}
