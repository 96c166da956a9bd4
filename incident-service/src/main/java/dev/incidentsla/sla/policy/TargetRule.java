package dev.incidentsla.sla.policy;

import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaClock;

import java.time.Duration;
import java.util.Set;

/**
 * One row of a program's target table.
 *
 * @param aroundTheClock matches only incidents whose customer chose (true) or did not choose (false)
 *                       24x7; null matches both
 */
public record TargetRule(String id, Set<Severity> severities, Boolean aroundTheClock, ProductScope products,
                         Duration target, SlaClock clock) {

    public TargetRule {
        severities = Set.copyOf(severities);
        if (target.isNegative() || target.isZero()) {
            throw new IllegalArgumentException("rule " + id + " needs a positive target, got " + target);
        }
    }

    public boolean matches(Severity severity, boolean customerChoseAroundTheClock, Product product) {
        return severities.contains(severity)
                && (aroundTheClock == null || aroundTheClock == customerChoseAroundTheClock)
                && products.exclusionReason(product) == null;
    }
}
