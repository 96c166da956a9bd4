package dev.incidentsla.sla.engine;

import dev.incidentsla.api.RegradeEffect;

/** A re-grade's effect and the first-call-response SLA after it. */
public record RegradeOutcome(RegradeEffect effect, FirstResponseSla sla) {
}
