package dev.incidentsla.incident;

import dev.incidentsla.api.incident.IncidentEvent;

import java.time.Instant;
import java.util.List;

/**
 * An incident's events folded up to one of them, for readers outside this package that keep an incident's state
 * between its events (the incident list's processor) or fold a history they read themselves: the same fold as the
 * aggregate's and {@link IncidentService#view}'s, so that what they show is what the incident shows. Immutable.
 */
public final class FoldedIncident {

    private final IncidentState state;
    private final long lastSequence;

    private FoldedIncident(IncidentState state, long lastSequence) {
        this.state = state;
        this.lastSequence = lastSequence;
    }

    /**
     * @param events       the incident's events, oldest first, from its opening
     * @param lastSequence the sequence number of the last of them
     */
    public static FoldedIncident of(List<IncidentEvent> events, long lastSequence) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("an incident's history starts with its opening");
        }
        return new FoldedIncident(IncidentState.fold(events), lastSequence);
    }

    /** The aggregate's state after its event {@code lastSequence}. */
    static FoldedIncident of(IncidentState state, long lastSequence) {
        return new FoldedIncident(state, lastSequence);
    }

    /** The incident after its next event. */
    public FoldedIncident with(IncidentEvent event, long sequence) {
        if (sequence != lastSequence + 1) {
            throw new IllegalArgumentException("event " + sequence + " does not follow event " + lastSequence);
        }
        return new FoldedIncident(IncidentState.apply(state, event), sequence);
    }

    public long lastSequence() {
        return lastSequence;
    }

    /** The incident as GET /api/v1/incidents/{id} shows it, judged at {@code now}. */
    public IncidentView viewAt(Instant now) {
        return state.view(now, lastSequence);
    }
}
