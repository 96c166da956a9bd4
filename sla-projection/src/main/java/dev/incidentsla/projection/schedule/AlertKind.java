package dev.incidentsla.projection.schedule;

/** The two alerts of a first-call-response SLA. */
public enum AlertKind {
    /** A share of the target has elapsed (at-risk instant). */
    WARNING,
    /** The deadline passed with no response and the incident open. */
    BREACH
}
