package dev.incidentsla.api;

/** Where a timer stands: it stops once, met, breached or cancelled. */
public enum TimerStatus {
    PENDING, MET, BREACHED, CANCELLED;

    public boolean isStopped() {
        return this != PENDING;
    }
}
