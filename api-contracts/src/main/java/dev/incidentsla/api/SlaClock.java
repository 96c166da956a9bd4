package dev.incidentsla.api;

/** Which minutes count towards a target. */
public enum SlaClock {
    /** Elapsed real time: every minute counts. */
    ROUND_THE_CLOCK,
    /** Only minutes inside the business hours of the support location count. */
    BUSINESS_HOURS
}
