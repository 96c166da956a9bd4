package dev.incidentsla.api;

/**
 * Why an incident was re-graded, as a closed vocabulary beside the free-text reason, so that reports can count the
 * re-grades the customer caused (SLA-RULES section 5, footnote 3 of the seeds).
 */
public enum RegradeReasonCode {
    /** The customer asked for the new severity. */
    CUSTOMER_REQUEST,
    /** The business impact changed (worse or lighter) as the incident went on. */
    BUSINESS_IMPACT_CHANGED,
    /** The customer cannot commit resources around the clock, which Sev 1, A and B with 24x7 require of it. */
    CUSTOMER_CANNOT_SUSTAIN_24X7,
    /** Any other reason, and what a re-grade that names no code records. */
    OTHER
}
