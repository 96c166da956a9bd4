package dev.incidentsla.sla.engine;

/** A well-formed command that a timer rule of the policy forbids (the incident does not qualify, or it comes too late). */
public final class TimerRuleException extends IllegalArgumentException {

    public TimerRuleException(String message) {
        super(message);
    }
}
