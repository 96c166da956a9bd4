package dev.incidentsla.edge.access;

/** The roles a token's {@code roles} claim may hold (API.md, "Access"). */
public final class Roles {

    /** Opens and changes incidents. */
    public static final String INCIDENT_WRITER = "incident-writer";
    /** Registers and amends contracts. */
    public static final String CONTRACT_ADMIN = "contract-admin";
    /** Reads pending SLAs, breaches, the live stream and reports. */
    public static final String SLA_READER = "sla-reader";
    /** Reads histories, SLA replays and the audit stream. */
    public static final String AUDITOR = "auditor";

    private Roles() {
    }
}
