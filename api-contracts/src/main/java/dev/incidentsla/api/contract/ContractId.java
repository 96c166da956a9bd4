package dev.incidentsla.api.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A customer contract's client-chosen id. Its aggregate identifier is prefixed so that no incident can share it. */
public record ContractId(@JsonValue String value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ContractId {
        Identifiers.requireUsable(value, "contract id");
    }

    @Override
    public String toString() {
        return "contract:" + value;
    }
}
