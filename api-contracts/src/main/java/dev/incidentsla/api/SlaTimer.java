package dev.incidentsla.api;

/** The timers of an incident (SLA-RULES sections 5 and 9). */
public enum SlaTimer {
    FIRST_RESPONSE,
    /** Event MCS: a critical-situation resource assigned within 30 minutes of submission. */
    CRIT_SIT_ASSIGNMENT,
    /** Platform MCS: the root-cause analysis delivered within 10 business days. */
    ROOT_CAUSE_ANALYSIS,
    /** Sev B: the customer's change-control authority answers within 4 business hours. */
    CUSTOMER_CHANGE_CONTROL,
    /** Sev C: the customer is responsive within 24 hours. */
    CUSTOMER_RESPONSIVENESS
}
