package dev.incidentsla.sla.data;

import dev.incidentsla.api.Channel;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaClock;
import dev.incidentsla.sla.policy.Coverage;
import dev.incidentsla.sla.policy.LocationDefaults;
import dev.incidentsla.sla.policy.Product;
import dev.incidentsla.sla.policy.ProductCatalog;
import dev.incidentsla.sla.policy.ProductScope;
import dev.incidentsla.sla.policy.ProgramPolicy;
import dev.incidentsla.sla.policy.ScheduledEventRule;
import dev.incidentsla.sla.policy.SlaPolicy;
import dev.incidentsla.sla.policy.TargetRule;
import dev.incidentsla.sla.policy.TimerRule;
import dev.incidentsla.sla.policy.UrgencyScale;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the SLA policy file: the one shipped as {@code sla-policy.yaml}, or an operator's. */
public final class PolicyFiles {

    public static final String BUNDLED = "sla-policy.yaml";

    private PolicyFiles() {
    }

    public static SlaPolicy bundled() {
        PolicyFile file = YamlFiles.readResource(BUNDLED, PolicyFile.class);
        if (file == null) {
            throw new IllegalStateException("classpath:" + BUNDLED + " is missing");
        }
        return file.toPolicy("classpath:" + BUNDLED);
    }

    public static SlaPolicy read(Path file) {
        return YamlFiles.read(file, PolicyFile.class).toPolicy(file.toString());
    }

    record PolicyFile(String policyVersion, String source, BigDecimal atRiskShare, LocationDefaults locationDefaults,
                      List<UrgencyScale.Level> urgency, List<Product> products, Map<String, List<String>> exclusionLists,
                      List<ProgramEntry> programs, List<TimerRule> timers) {

        SlaPolicy toPolicy(String origin) {
            if (policyVersion == null || policyVersion.isBlank()) {
                throw new IllegalArgumentException(origin + ": policyVersion is required");
            }
            require(atRiskShare, "atRiskShare", origin);
            require(locationDefaults, "locationDefaults", origin);
            require(urgency, "urgency", origin);
            require(products, "products", origin);
            require(programs, "programs", origin);
            ProductCatalog catalog = new ProductCatalog(products);
            Map<String, List<String>> lists = exclusionLists == null ? Map.of() : exclusionLists;
            lists.forEach((name, codes) -> codes.forEach(code -> {
                if (catalog.find(code).isEmpty()) {
                    throw new IllegalArgumentException(origin + ": exclusion list " + name + " names unknown product " + code);
                }
            }));
            requireUnique(programs.stream().map(ProgramEntry::program).toList(), "program", origin);
            List<ProgramPolicy> converted = programs.stream().map(program -> program.toPolicy(lists, origin)).toList();
            try {
                return new SlaPolicy(policyVersion, atRiskShare, locationDefaults, new UrgencyScale(urgency), catalog, converted,
                        timers);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(origin + ": " + e.getMessage(), e);
            }
        }
    }

    record ProgramEntry(String program, Boolean heldByEveryContract, CoverageEntry coverage,
                        Set<Severity> seniorIncidentManagerFor, List<RuleEntry> rules) {

        ProgramPolicy toPolicy(Map<String, List<String>> lists, String origin) {
            require(rules, "rules of program " + program, origin);
            requireUnique(rules.stream().map(RuleEntry::id).toList(), "rule", origin);
            List<TargetRule> converted = rules.stream().map(rule -> rule.toRule(lists, origin)).toList();
            return new ProgramPolicy(program, Boolean.TRUE.equals(heldByEveryContract),
                    coverage == null ? Coverage.EVERYTHING : coverage.toCoverage(lists, origin),
                    seniorIncidentManagerFor == null ? Set.of() : seniorIncidentManagerFor, converted);
        }
    }

    record CoverageEntry(Set<String> families, String excluding, Set<Channel> channels, ScheduledEventRule scheduledEvent) {

        Coverage toCoverage(Map<String, List<String>> lists, String origin) {
            return new Coverage(scope(families, excluding, lists, origin), channels == null ? Set.of() : channels, scheduledEvent);
        }
    }

    record RuleEntry(String id, Set<Severity> severities, Boolean aroundTheClock, Set<String> families, String excluding,
                     Duration target, SlaClock clock) {

        TargetRule toRule(Map<String, List<String>> lists, String origin) {
            if (id == null || severities == null || severities.isEmpty() || target == null || clock == null) {
                throw new IllegalArgumentException(origin + ": rule " + id + " needs id, severities, target and clock");
            }
            return new TargetRule(id, severities, aroundTheClock, scope(families, excluding, lists, origin), target, clock);
        }
    }

    private static void require(Object section, String name, String origin) {
        if (section == null) {
            throw new IllegalArgumentException(origin + ": " + name + " is required");
        }
    }

    private static void requireUnique(List<String> names, String what, String origin) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw new IllegalArgumentException(origin + ": " + what + " " + name + " listed twice");
            }
        }
    }

    private static ProductScope scope(Set<String> families, String excluding, Map<String, List<String>> lists, String origin) {
        if (excluding != null && !lists.containsKey(excluding)) {
            throw new IllegalArgumentException(origin + ": unknown exclusion list " + excluding);
        }
        return new ProductScope(families == null ? Set.of() : families, excluding,
                excluding == null ? Set.of() : Set.copyOf(lists.get(excluding)));
    }
}
