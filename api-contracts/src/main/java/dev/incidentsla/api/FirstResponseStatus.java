package dev.incidentsla.api;

public enum FirstResponseStatus {
    PENDING, MET, BREACHED, CANCELLED;

    public boolean isStopped() {
        return this != PENDING;
    }
}
