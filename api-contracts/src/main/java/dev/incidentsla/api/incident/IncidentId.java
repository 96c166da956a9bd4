package dev.incidentsla.api.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.incidentsla.api.contract.Identifiers;

/** An incident's id, client-chosen or generated. Its aggregate identifier is prefixed so that no contract can share it. */
public record IncidentId(@JsonValue String value) {

    private static final String AGGREGATE_PREFIX = "incident:";

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public IncidentId {
        Identifiers.requireUsable(value, "incident id");
    }

    /** The incident whose aggregate identifier ({@link #toString()}) this is. */
    public static IncidentId ofAggregateIdentifier(String aggregateIdentifier) {
        if (!aggregateIdentifier.startsWith(AGGREGATE_PREFIX)) {
            throw new IllegalArgumentException("not an incident's aggregate identifier: " + aggregateIdentifier);
        }
        return new IncidentId(aggregateIdentifier.substring(AGGREGATE_PREFIX.length()));
    }

    @Override
    public String toString() {
        return AGGREGATE_PREFIX + value;
    }
}
