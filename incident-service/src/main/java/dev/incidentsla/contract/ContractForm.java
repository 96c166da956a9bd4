package dev.incidentsla.contract;

import dev.incidentsla.edge.input.InputRules;
import dev.incidentsla.api.contract.BusinessHours;
import dev.incidentsla.api.contract.Identifiers;
import dev.incidentsla.api.contract.ProgramEntitlement;
import dev.incidentsla.api.contract.ScheduledEvent;
import dev.incidentsla.api.contract.SupportLocation;
import dev.incidentsla.api.contract.TimeWindow;
import dev.incidentsla.sla.calendar.WorkingWindow;
import dev.incidentsla.sla.engine.LocationCalendars;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a contract's terms can be read at all: every required field present, every value of the form its kind
 * takes. A missing or malformed field makes the request malformed; a well-formed value that names nothing known (a
 * zone, a country, a program) and terms that break a rule are the engine's to refuse.
 */
public final class ContractForm {

    private ContractForm() {
    }

    /**
     * The first field that is missing or malformed, described; empty when the terms are well-formed. {@code
     * supportLocation} (the primary) may be left out when {@code supportLocations} is given, and every entry of {@code
     * supportLocations} carries an id. Whether the two agree, and whether ids repeat, are rules of the contract, the
     * engine's to judge.
     */
    public static Optional<String> problemOf(String customerName, SupportLocation location, List<SupportLocation> locations,
                                             List<ProgramEntitlement> programs) {
        if (isMissing(customerName)) {
            return Optional.of("customerName is required");
        }
        List<SupportLocation> all = locations == null ? List.of() : locations;
        if (location == null && all.isEmpty()) {
            return Optional.of("supportLocation is required (or supportLocations, the first being the primary)");
        }
        Optional<String> problem = location == null ? Optional.empty() : locationProblem(location, "supportLocation");
        for (int index = 0; index < all.size() && problem.isEmpty(); index++) {
            String field = "supportLocations[" + index + "]";
            SupportLocation entry = all.get(index);
            problem = entry == null ? Optional.of(field + " is null")
                    : entry.id() == null ? Optional.of(field + ".id is required (it names the location for incidents)")
                    : locationProblem(entry, field);
        }
        return problem.or(() -> programsProblem(programs == null ? List.of() : programs));
    }

    private static Optional<String> locationProblem(SupportLocation location, String field) {
        if (location.id() != null) {
            try {
                Identifiers.requireUsable(location.id(), field + ".id");
            } catch (IllegalArgumentException e) {
                return Optional.of(e.getMessage());
            }
        }
        if (isMissing(location.timeZone())) {
            return Optional.of(field + ".timeZone is required (an IANA zone such as Asia/Jakarta)");
        }
        if (!LocationCalendars.isZoneIdForm(location.timeZone())) {
            return Optional.of(field + ".timeZone '" + location.timeZone()
                    + "' is not a time zone id (an IANA zone such as Asia/Jakarta)");
        }
        if (isMissing(location.country())) {
            return Optional.of(field + ".country is required (an ISO 3166-1 alpha-2 code such as ID)");
        }
        if (!LocationCalendars.isCountryCodeForm(location.country())) {
            return Optional.of(field + ".country '" + location.country()
                    + "' is not an ISO 3166-1 alpha-2 code (two capital letters such as ID)");
        }
        return businessHoursProblem(location.businessHours(), field + ".businessHours");
    }

    /** Absent opening and closing times take the policy's defaults; a split shift's window needs both. */
    private static Optional<String> businessHoursProblem(BusinessHours hours, String hoursField) {
        if (hours == null) {
            return Optional.empty();
        }
        Optional<String> standardDay = timeProblem(hours.opens(), hoursField + ".opens")
                .or(() -> timeProblem(hours.closes(), hoursField + ".closes"));
        if (standardDay.isPresent() || hours.days() == null) {
            return standardDay;
        }
        for (Map.Entry<DayOfWeek, List<TimeWindow>> day : hours.days().entrySet()) {
            for (int index = 0; index < day.getValue().size(); index++) {
                String field = hoursField + ".days." + day.getKey() + "[" + index + "]";
                TimeWindow window = day.getValue().get(index);
                Optional<String> problem = requiredTimeProblem(window.opens(), field + ".opens")
                        .or(() -> requiredTimeProblem(window.closes(), field + ".closes"));
                if (problem.isPresent()) {
                    return problem;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> requiredTimeProblem(String time, String field) {
        return time == null ? Optional.of(field + " is required") : timeProblem(time, field);
    }

    private static Optional<String> timeProblem(String time, String field) {
        if (time == null) {
            return Optional.empty();
        }
        try {
            WorkingWindow.parseTime(time);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(field + ": " + e.getMessage());
        }
    }

    private static Optional<String> programsProblem(List<ProgramEntitlement> programs) {
        for (int index = 0; index < programs.size(); index++) {
            String field = "programs[" + index + "]";
            ProgramEntitlement entitlement = programs.get(index);
            if (entitlement == null) {
                return Optional.of(field + " is null");
            }
            if (isMissing(entitlement.program())) {
                return Optional.of(field + ".program is required");
            }
            List<ScheduledEvent> events = entitlement.eventsOrEmpty();
            for (int eventIndex = 0; eventIndex < events.size(); eventIndex++) {
                Optional<String> problem = eventProblem(events.get(eventIndex), field + ".events[" + eventIndex + "]");
                if (problem.isPresent()) {
                    return problem;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> eventProblem(ScheduledEvent event, String field) {
        if (isMissing(event.eventId())) {
            return Optional.of(field + ".eventId is required");
        }
        if (event.start() == null) {
            return Optional.of(field + ".start is required");
        }
        if (event.end() == null) {
            return Optional.of(field + ".end is required");
        }
        return Optional.empty();
    }

    private static boolean isMissing(String value) {
        return value == null || InputRules.isBlank(value);
    }
}
