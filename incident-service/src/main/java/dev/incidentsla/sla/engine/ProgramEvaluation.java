package dev.incidentsla.sla.engine;

import dev.incidentsla.sla.policy.TargetRule;

import java.time.Instant;

/**
 * How one held program judged an incident: a rule and its deadline, or the reason it gives no target.
 *
 * @param covers whether the program covers the incident at all (whatever its target table says)
 */
public record ProgramEvaluation(String program, boolean covers, TargetRule rule, Instant dueAt, String reason) {

    static ProgramEvaluation notCovering(String program, String reason) {
        return new ProgramEvaluation(program, false, null, null, reason);
    }

    static ProgramEvaluation withoutTarget(String program, String reason) {
        return new ProgramEvaluation(program, true, null, null, reason);
    }

    public boolean hasTarget() {
        return rule != null;
    }

    String describe() {
        return hasTarget()
                ? program + " " + rule.id() + " gives " + rule.target() + " " + rule.clock() + " due " + dueAt
                : program + " gives no target: " + reason;
    }
}
