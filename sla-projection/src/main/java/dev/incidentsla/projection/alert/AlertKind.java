package dev.incidentsla.projection.alert;

import java.util.Locale;

/** The two alerts of a first-call-response SLA, one per deadline event the incident records. */
public enum AlertKind {
    /** FirstResponseAtRisk: a share of the target has elapsed with no response. */
    WARNING("at-risk:", "incident.sla.first-response.at-risk"),
    /** FirstResponseBreached: the deadline passed with no response while the incident was open. */
    BREACH("breach:", "incident.sla.first-response.breached");

    private final String idPrefix;
    private final String cloudEventType;

    AlertKind(String idPrefix, String cloudEventType) {
        this.idPrefix = idPrefix;
        this.cloudEventType = cloudEventType;
    }

    public String idPrefix() {
        return idPrefix;
    }

    public String cloudEventType() {
        return cloudEventType;
    }

    /** The value of the {@code kind} metric tag. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
