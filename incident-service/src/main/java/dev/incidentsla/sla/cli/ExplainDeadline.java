package dev.incidentsla.sla.cli;

import dev.incidentsla.api.Channel;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaDecision;
import dev.incidentsla.api.contract.ProgramEntitlement;
import dev.incidentsla.api.contract.SupportLocation;
import dev.incidentsla.sla.data.HolidayLibrary;
import dev.incidentsla.sla.data.PolicyFiles;
import dev.incidentsla.sla.engine.ContractTerms;
import dev.incidentsla.sla.engine.IncidentFacts;
import dev.incidentsla.sla.engine.LocationCalendars;
import dev.incidentsla.sla.engine.SlaEngine;
import dev.incidentsla.sla.policy.SlaPolicy;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Explains the first-call-response deadline of one incident from the command line, with the shipped policy
 * and holiday tables, or an operator's ({@code policy=}, {@code holidays=}): {@code key=value} arguments, all optional.
 */
public final class ExplainDeadline {

    private static final Map<String, String> DEFAULTS = Map.of(
            "timeZone", "Asia/Jakarta", "country", "ID", "programs", "UNIFIED", "severity", "B",
            "product", "azure-virtual-machines", "channel", "WEB", "aroundTheClock", "false");

    private static final Set<String> OPTIONAL = Set.of("submittedAt", "policy", "holidays");

    private ExplainDeadline() {
    }

    public static void main(String[] args) {
        try {
            print(explain(arguments(args), Clock.systemUTC()), System.out);
        } catch (IllegalArgumentException | DateTimeException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: timeZone=Asia/Jakarta country=ID programs=UNIFIED,UER severity=1|A|B|C "
                    + "product=azure-virtual-machines channel=PHONE|WEB|CLOUD_PORTAL aroundTheClock=false "
                    + "submittedAt=2026-11-20T10:00:00Z [policy=policy.yaml] [holidays=holiday-tables-dir-or-file]");
            System.exit(2);
        }
    }

    static SlaDecision explain(Map<String, String> arguments, Clock clock) {
        SlaPolicy policy = arguments.containsKey("policy") ? PolicyFiles.read(Path.of(arguments.get("policy"))) : PolicyFiles.bundled();
        HolidayLibrary holidays = arguments.containsKey("holidays")
                ? HolidayLibrary.withOperatorTables(Path.of(arguments.get("holidays"))) : HolidayLibrary.bundled();
        SlaEngine engine = new SlaEngine(policy, new LocationCalendars(policy.locationDefaults(), holidays));
        List<ProgramEntitlement> programs = Arrays.stream(arguments.get("programs").split(","))
                .map(String::trim).map(ProgramEntitlement::of).toList();
        ContractTerms contract = new ContractTerms("command-line", 1,
                SupportLocation.of(arguments.get("timeZone"), arguments.get("country")), programs);
        engine.validate(contract);
        Instant submittedAt = arguments.containsKey("submittedAt") ? Instant.parse(arguments.get("submittedAt")) : clock.instant();
        IncidentFacts incident = new IncidentFacts(Severity.fromCode(arguments.get("severity")), arguments.get("product"),
                Channel.valueOf(arguments.get("channel")), Boolean.parseBoolean(arguments.get("aroundTheClock")), null, submittedAt);
        return engine.open(contract, incident).decision();
    }

    static Map<String, String> arguments(String[] args) {
        Map<String, String> arguments = new java.util.HashMap<>(DEFAULTS);
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals < 1 || !(DEFAULTS.containsKey(arg.substring(0, equals)) || OPTIONAL.contains(arg.substring(0, equals)))) {
                throw new IllegalArgumentException("not a key=value argument this command knows: " + arg);
            }
            arguments.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        return arguments;
    }

    static void print(SlaDecision decision, PrintStream out) {
        out.println(Map.of("program", decision.program(), "rule", decision.rule(), "target", decision.target().toString(),
                        "clock", decision.clock().name(), "dueAt", decision.dueAt().toString(), "atRiskAt", decision.atRiskAt().toString(),
                        "policyVersion", decision.policyVersion()).entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + ": " + entry.getValue()).collect(Collectors.joining("\n")));
        out.println("explanation: " + decision.explanation());
    }
}
