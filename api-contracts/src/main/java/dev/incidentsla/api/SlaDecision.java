package dev.incidentsla.api;

import java.time.Duration;
import java.time.Instant;

/**
 * Why a first-call-response deadline is what it is: everything an auditor needs without re-running
 * the engine.
 *
 * @param clockStartedAt the instant the target started counting (submission, or the re-grade instant)
 * @param seniorIncidentManager whether a program covering the incident assigns a senior incident manager
 */
public record SlaDecision(
        String program,
        String rule,
        Duration target,
        SlaClock clock,
        Instant clockStartedAt,
        Instant dueAt,
        Instant atRiskAt,
        String policyVersion,
        int contractVersion,
        boolean seniorIncidentManager,
        String explanation) {
}
