package dev.incidentsla.sla.engine;

import dev.incidentsla.api.contract.ProgramEntitlement;
import dev.incidentsla.api.contract.SupportLocation;

import java.util.List;
import java.util.Optional;

/**
 * The version of a contract that an incident is judged under.
 *
 * @param location the primary support location: the one an incident that names none is supported from
 * @param locations every support location, the primary among them. Absent (null or empty), the contract has one
 *                  location, {@code location}; such a location without an id is called {@value #PRIMARY_LOCATION_ID}
 *                  (every contract recorded before contracts held several locations is one of these)
 */
public record ContractTerms(String contractId, int version, SupportLocation location, List<SupportLocation> locations,
                            List<ProgramEntitlement> programs) {

    /** The id of a contract's only location when it was given none. */
    public static final String PRIMARY_LOCATION_ID = "primary";

    public ContractTerms {
        programs = programs == null ? List.of() : List.copyOf(programs);
        if (locations == null || locations.isEmpty()) {
            location = location == null || location.id() != null ? location : location.withId(PRIMARY_LOCATION_ID);
            locations = location == null ? List.of() : List.of(location);
        } else {
            locations = List.copyOf(locations);
            location = location == null ? locations.get(0) : location;
        }
    }

    /** A contract with one support location. */
    public ContractTerms(String contractId, int version, SupportLocation location, List<ProgramEntitlement> programs) {
        this(contractId, version, location, null, programs);
    }

    public Optional<ProgramEntitlement> entitlement(String program) {
        return programs.stream().filter(entitlement -> program.equals(entitlement.program())).findFirst();
    }

    /**
     * The location an incident names by its id; none (null) names the primary.
     *
     * @throws UnknownLocationException when the contract has no location of that id
     */
    public SupportLocation location(String locationId) {
        if (locationId == null) {
            return location;
        }
        return locations.stream().filter(candidate -> locationId.equals(candidate.id())).findFirst()
                .orElseThrow(() -> new UnknownLocationException(locationId, this));
    }

    /** Whether the contract is supported from the same locations, with the same primary, as another version. */
    public boolean sameLocationsAs(ContractTerms other) {
        return location.equals(other.location) && locations.equals(other.locations);
    }
}
