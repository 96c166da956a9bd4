package dev.incidentsla.sla.policy;

import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaTimer;
import dev.incidentsla.sla.calendar.WorkingWindow;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every rule of SLA-RULES.md as data: programs in section-3 order (the tie-break order), their targets,
 * coverage and exclusion lists, the product catalog, the urgency order and the at-risk share.
 */
public record SlaPolicy(String policyVersion, BigDecimal atRiskShare, LocationDefaults locationDefaults,
                        UrgencyScale urgency, ProductCatalog products, List<ProgramPolicy> programs, List<TimerRule> timers) {

    public SlaPolicy {
        programs = List.copyOf(programs);
        timers = timers == null ? List.of() : List.copyOf(timers);
        requireKnownPrograms(programs, timers);
        if (atRiskShare.signum() <= 0 || atRiskShare.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("atRiskShare must be between 0 and 1, got " + atRiskShare);
        }
        if (programs.stream().noneMatch(ProgramPolicy::heldByEveryContract)) {
            throw new IllegalArgumentException("the policy needs a base program held by every contract");
        }
        WorkingWindow.parse(locationDefaults.opens(), locationDefaults.closes());
        requireKnownFamilies(products, programs);
        requireCompleteUrgency(urgency);
        requireBaseTargetForEveryIncident(products, programs);
    }

    private static void requireKnownFamilies(ProductCatalog products, List<ProgramPolicy> programs) {
        Set<String> families = products.all().stream().map(Product::family).collect(Collectors.toSet());
        for (ProgramPolicy program : programs) {
            Stream.concat(Stream.of(program.coverage().products()), program.rules().stream().map(TargetRule::products))
                    .flatMap(scope -> scope.families().stream())
                    .filter(family -> !families.contains(family))
                    .findFirst()
                    .ifPresent(family -> {
                        throw new IllegalArgumentException("program " + program.program() + " names family " + family
                                + ", which no product of the catalog has");
                    });
        }
    }

    private static void requireKnownPrograms(List<ProgramPolicy> programs, List<TimerRule> timers) {
        Set<String> names = programs.stream().map(ProgramPolicy::program).collect(Collectors.toSet());
        Set<SlaTimer> seen = new HashSet<>();
        for (TimerRule timer : timers) {
            if (!seen.add(timer.timer())) {
                throw new IllegalArgumentException("timer " + timer.timer() + " is listed twice");
            }
            timer.coveredBy().stream().filter(program -> !names.contains(program)).findFirst().ifPresent(program -> {
                throw new IllegalArgumentException("timer " + timer.timer() + " names unknown program " + program);
            });
        }
    }

    private static void requireCompleteUrgency(UrgencyScale urgency) {
        for (Severity severity : Severity.values()) {
            urgency.rank(severity, false);
            urgency.rank(severity, true);
        }
    }

    private static void requireBaseTargetForEveryIncident(ProductCatalog products, List<ProgramPolicy> programs) {
        List<ProgramPolicy> base = programs.stream().filter(ProgramPolicy::heldByEveryContract).toList();
        for (Product product : products.all()) {
            for (Severity severity : Severity.values()) {
                for (boolean aroundTheClock : new boolean[]{false, true}) {
                    boolean covered = base.stream().anyMatch(program -> program.coverage().products().exclusionReason(product) == null
                            && program.coverage().channels().isEmpty()
                            && program.rules().stream().anyMatch(rule -> rule.matches(severity, aroundTheClock, product)));
                    if (!covered) {
                        throw new IllegalArgumentException("no base program gives a target for Sev " + severity
                                + (aroundTheClock ? " with 24x7" : "") + " on " + product.code());
                    }
                }
            }
        }
    }

    /** The rule of a timer of section 9, if the policy has one. */
    public Optional<TimerRule> timer(SlaTimer timer) {
        return timers.stream().filter(rule -> rule.timer() == timer).findFirst();
    }

    public Optional<ProgramPolicy> program(String name) {
        return programs.stream().filter(program -> program.program().equals(name)).findFirst();
    }
}
