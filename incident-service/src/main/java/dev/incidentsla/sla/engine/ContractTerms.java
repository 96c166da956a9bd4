package dev.incidentsla.sla.engine;

import dev.incidentsla.api.contract.ProgramEntitlement;
import dev.incidentsla.api.contract.SupportLocation;

import java.util.List;
import java.util.Optional;

/** The version of a contract that an incident is judged under. */
public record ContractTerms(String contractId, int version, SupportLocation location, List<ProgramEntitlement> programs) {

    public ContractTerms {
        programs = programs == null ? List.of() : List.copyOf(programs);
    }

    public Optional<ProgramEntitlement> entitlement(String program) {
        return programs.stream().filter(entitlement -> program.equals(entitlement.program())).findFirst();
    }
}
