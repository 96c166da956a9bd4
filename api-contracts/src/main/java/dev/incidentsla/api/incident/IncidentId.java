package dev.incidentsla.api.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.incidentsla.api.contract.Identifiers;

/** An incident's id, client-chosen or generated. Its aggregate identifier is prefixed so that no contract can share it. */
public record IncidentId(@JsonValue String value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public IncidentId {
        Identifiers.requireUsable(value, "incident id");
    }

    @Override
    public String toString() {
        return "incident:" + value;
    }
}
