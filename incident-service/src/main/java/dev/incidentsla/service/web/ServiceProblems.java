package dev.incidentsla.service.web;

import dev.incidentsla.edge.problem.Problem;
import dev.incidentsla.edge.problem.ProblemMapping;
import dev.incidentsla.service.ConflictException;
import dev.incidentsla.service.NotFoundException;
import dev.incidentsla.service.RuleViolationException;
import dev.incidentsla.sla.engine.InvalidContractException;
import dev.incidentsla.sla.engine.TimerRuleException;
import dev.incidentsla.sla.engine.UnknownEventException;
import dev.incidentsla.sla.engine.UnknownLocationException;
import dev.incidentsla.sla.policy.UnknownProductException;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** The incident service's own exceptions as problems: 400 malformed, 404 unknown, 409 state conflict, 422 rule broken. */
@Component
class ServiceProblems implements ProblemMapping {

    @Override
    public Optional<Problem> problemFor(Throwable error) {
        if (error instanceof BadRequestException) {
            return Optional.of(Problem.malformed(error.getMessage()));
        }
        if (error instanceof NotFoundException) {
            return Optional.of(Problem.notFound(error.getMessage()));
        }
        if (error instanceof ConflictException) {
            return Optional.of(Problem.conflict(error.getMessage()));
        }
        if (error instanceof RuleViolationException || error instanceof InvalidContractException
                || error instanceof UnknownProductException || error instanceof UnknownEventException
                || error instanceof TimerRuleException
                || error instanceof UnknownLocationException) {
            return Optional.of(Problem.ruleViolated(error.getMessage()));
        }
        return Optional.empty();
    }
}
