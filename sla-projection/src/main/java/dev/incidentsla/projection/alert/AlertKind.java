package dev.incidentsla.projection.alert;

import dev.incidentsla.api.SlaTimer;

import java.util.Locale;

/** The two alerts of a timer, one per deadline event the incident records: the first response's and every other's. */
public enum AlertKind {
    /** FirstResponseAtRisk or TimerAtRisk: a share of the target has elapsed with the timer still pending. */
    WARNING("at-risk:", "at-risk"),
    /** FirstResponseBreached or TimerBreached: the deadline passed with the timer still pending. */
    BREACH("breach:", "breached");

    private final String idPrefix;
    private final String typeSuffix;

    AlertKind(String idPrefix, String typeSuffix) {
        this.idPrefix = idPrefix;
        this.typeSuffix = typeSuffix;
    }

    public String idPrefix() {
        return idPrefix;
    }

    /** The first response's CloudEvents type, e.g. {@code incident.sla.first-response.breached}. */
    public String cloudEventType() {
        return cloudEventType(SlaTimer.FIRST_RESPONSE);
    }

    /** A timer's CloudEvents type: {@code incident.sla.<timer-kebab>.breached}, or {@code .at-risk}. */
    public String cloudEventType(SlaTimer timer) {
        return "incident.sla." + timer.name().toLowerCase(Locale.ROOT).replace('_', '-') + "." + typeSuffix;
    }

    /** The value of the {@code kind} metric tag. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
