package dev.incidentsla.sla.engine;

/** A contract's terms break a rule: unknown zone, country or program, an impossible window, ... */
public final class InvalidContractException extends IllegalArgumentException {

    public InvalidContractException(String message) {
        super(message);
    }
}
