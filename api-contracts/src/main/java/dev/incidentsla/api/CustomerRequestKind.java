package dev.incidentsla.api;

/** What support asks of the customer, each kind starting its own customer timer. */
public enum CustomerRequestKind {
    /** An answer from the customer's change-control authority (Sev B). */
    CHANGE_CONTROL,
    /** The customer's response to support (Sev C). */
    RESPONSIVENESS
}
