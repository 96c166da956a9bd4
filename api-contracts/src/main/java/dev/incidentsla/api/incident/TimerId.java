package dev.incidentsla.api.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.incidentsla.api.contract.Identifiers;

/**
 * One timer instance of an incident, unique within it: a customer timer asked again after it stopped is a new instance
 * with its own id.
 */
public record TimerId(@JsonValue String value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public TimerId {
        Identifiers.requireUsable(value, "timer id");
    }
}
