package dev.incidentsla.sla.policy;

import dev.incidentsla.api.Severity;

import java.util.List;

/**
 * Urgency order for re-grades (SLA-RULES 7.4), least urgent first. A level with a null
 * {@code aroundTheClock} matches either choice.
 */
public record UrgencyScale(List<Level> levels) {

    public record Level(Severity severity, Boolean aroundTheClock) {
    }

    public UrgencyScale {
        levels = List.copyOf(levels);
    }

    public int rank(Severity severity, boolean aroundTheClock) {
        for (int i = 0; i < levels.size(); i++) {
            Level level = levels.get(i);
            if (level.severity() == severity && (level.aroundTheClock() == null || level.aroundTheClock() == aroundTheClock)) {
                return i;
            }
        }
        throw new IllegalArgumentException("the policy's urgency order has no level for severity " + severity
                + (aroundTheClock ? " with 24x7" : ""));
    }
}
