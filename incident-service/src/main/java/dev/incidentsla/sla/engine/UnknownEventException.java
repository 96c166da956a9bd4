package dev.incidentsla.sla.engine;

public final class UnknownEventException extends IllegalArgumentException {

    public UnknownEventException(String eventId, String contractId) {
        super("contract '" + contractId + "' schedules no critical event '" + eventId + "'");
    }
}
