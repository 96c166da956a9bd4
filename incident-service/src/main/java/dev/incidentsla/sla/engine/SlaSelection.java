package dev.incidentsla.sla.engine;

import dev.incidentsla.api.SlaDecision;

import java.util.List;

/** The winning decision and how every held program judged the incident. */
public record SlaSelection(SlaDecision decision, List<ProgramEvaluation> evaluations) {

    public SlaSelection {
        evaluations = List.copyOf(evaluations);
    }
}
