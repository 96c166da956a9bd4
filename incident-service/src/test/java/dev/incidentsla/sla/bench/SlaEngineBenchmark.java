package dev.incidentsla.sla.bench;

import dev.incidentsla.api.Channel;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaDecision;
import dev.incidentsla.api.contract.ProgramEntitlement;
import dev.incidentsla.api.contract.ScheduledEvent;
import dev.incidentsla.api.contract.SupportLocation;
import dev.incidentsla.sla.calendar.BusinessCalendar;
import dev.incidentsla.sla.data.HolidayLibrary;
import dev.incidentsla.sla.data.PolicyFiles;
import dev.incidentsla.sla.engine.ContractTerms;
import dev.incidentsla.sla.engine.IncidentFacts;
import dev.incidentsla.sla.engine.LocationCalendars;
import dev.incidentsla.sla.engine.SlaEngine;
import dev.incidentsla.sla.policy.SlaPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Cost of business-hours deadlines and of a full program selection on a Jakarta contract that holds every
 * program, with the shipped policy and holiday tables. Starts are spread over 2026 so that weekends and
 * holidays are crossed as often as in real traffic. Run: see BENCHMARKS.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SlaEngineBenchmark {

    private static final int STARTS = 1024;

    private BusinessCalendar jakarta;
    private SlaEngine engine;
    private ContractTerms contract;
    private Instant[] starts;
    private IncidentFacts[] sevB;
    private int next;

    @Setup
    public void setUp() {
        SlaPolicy policy = PolicyFiles.bundled();
        engine = new SlaEngine(policy, new LocationCalendars(policy.locationDefaults(), HolidayLibrary.bundled()));
        contract = new ContractTerms("contoso", 1, SupportLocation.of("Asia/Jakarta", "ID"), List.of(
                ProgramEntitlement.of("UNIFIED"), ProgramEntitlement.of("UER"), ProgramEntitlement.of("AZURE_RAPID_RESPONSE"),
                new ProgramEntitlement("AZURE_PLATFORM_MCS", LocalDate.parse("2026-01-01"), null),
                new ProgramEntitlement("AZURE_EVENT_MCS", null, List.of(new ScheduledEvent("launch-2026",
                        LocalDate.parse("2026-11-27"), LocalDate.parse("2026-12-01"), LocalDate.parse("2026-10-01"), false))),
                ProgramEntitlement.of("SECURITY_CLOUD_MCS")));
        jakarta = engine.calendars().calendarOf(contract.location());
        Random random = new Random(20261121);
        long from = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
        starts = new Instant[STARTS];
        sevB = new IncidentFacts[STARTS];
        for (int i = 0; i < STARTS; i++) {
            starts[i] = Instant.ofEpochSecond(from + random.nextInt(365 * 86_400));
            sevB[i] = new IncidentFacts(Severity.B, "azure-virtual-machines", Channel.CLOUD_PORTAL, false, null, starts[i]);
        }
    }

    private int nextIndex() {
        next = (next + 1) & (STARTS - 1);
        return next;
    }

    @Benchmark
    public Instant addTwoBusinessHours() {
        return jakarta.add(starts[nextIndex()], Duration.ofHours(2));
    }

    @Benchmark
    public Instant addFourBusinessHours() {
        return jakarta.add(starts[nextIndex()], Duration.ofHours(4));
    }

    @Benchmark
    public Instant addTenBusinessDays() {
        return jakarta.add(starts[nextIndex()], Duration.ofMinutes(10 * 510));
    }

    @Benchmark
    public SlaDecision selectProgramsWithExplanation() {
        return engine.open(contract, sevB[nextIndex()]).decision();
    }
}
