package dev.incidentsla.api;

/** What a re-grade did to the first-call-response deadline (SLA-RULES section 5 and 7.3-7.5). */
public enum RegradeEffect {
    /** Same urgency: nothing recomputed. */
    URGENCY_UNCHANGED,
    /** More urgent and the recomputed deadline is earlier: it replaces the old one. */
    UPGRADE_RECOMPUTED,
    /** More urgent but the recomputed deadline is not earlier: the old decision stands whole. */
    UPGRADE_KEPT_DEADLINE,
    /** Less urgent: the recomputed deadline replaces the old one, even when later. */
    DOWNGRADE_RECOMPUTED,
    /** The SLA had stopped (met, breached or cancelled) or its deadline had passed: severity only. */
    SLA_ALREADY_STOPPED;

    public boolean changesDecision() {
        return this == UPGRADE_RECOMPUTED || this == DOWNGRADE_RECOMPUTED;
    }
}
