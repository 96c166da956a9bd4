package dev.incidentsla.service;

/** A well-formed request that breaks a rule (422). */
public class RuleViolationException extends RuntimeException {

    public RuleViolationException(String message) {
        super(message);
    }
}
