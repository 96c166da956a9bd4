package dev.incidentsla.sla.policy;

/** What begins a timer of SLA-RULES section 9. */
public enum TimerStart {
    /** The incident's submission: the timer runs from the start when the incident qualifies. */
    SUBMISSION,
    /** The customer's RCA request and the mitigation: the clock starts at the later of the two. */
    RCA_REQUEST_AND_MITIGATION,
    /** Support asking the customer (a customer request of the rule's {@code requestKind}). */
    CUSTOMER_REQUEST
}
