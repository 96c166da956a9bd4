package dev.incidentsla.edge.problem;

import java.util.Optional;

/** A service's own exceptions as problems (its domain's not-found, conflict and rule exceptions); empty for others. */
@FunctionalInterface
public interface ProblemMapping {

    Optional<Problem> problemFor(Throwable error);
}
