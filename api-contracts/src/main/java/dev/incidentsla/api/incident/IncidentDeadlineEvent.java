package dev.incidentsla.api.incident;

import java.time.Instant;

/**
 * A fact the incident records because an instant passed, not because a command said so. It is about
 * {@code detectedAt}; it does not move the instant later commands must not precede (they may be posted late).
 */
public sealed interface IncidentDeadlineEvent extends IncidentEvent permits FirstResponseAtRisk, FirstResponseBreached,
        TimerAtRisk, TimerBreached {

    Instant detectedAt();

    Instant dueAt();

    @Override
    default Instant occurredAt() {
        return detectedAt();
    }
}
