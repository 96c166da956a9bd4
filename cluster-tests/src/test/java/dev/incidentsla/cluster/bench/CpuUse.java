package dev.incidentsla.cluster.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time of the processes a benchmark phase runs on: this JVM (the load client), the nodes it started (its child
 * JVMs, by main class) and PostgreSQL (the postmaster of the data directory, its backends, and the backends it reaped:
 * a phase that opens and closes its own connections, as the raw inserts and the {@code COPY} do, counts theirs too). A
 * phase's share of the machine is the difference of two readings over its wall time.
 */
final class CpuUse {

    /** USER_HZ: 100 ticks a second. */
    static final long NANOS_PER_TICK = 10_000_000L;

    private final Map<String, String> nodeMainClasses;
    private final Path postgresDataDirectory;

    /** The CPU time of each process group at one instant, and that instant. */
    record Reading(long atNanos, Map<String, Long> cpuNanos) {
        /** Cores each group used from {@code earlier} to this reading. */
        Map<String, Double> coresSince(Reading earlier) {
            double wall = Math.max(1, atNanos - earlier.atNanos);
            Map<String, Double> cores = new LinkedHashMap<>();
            cpuNanos.forEach((name, nanos) -> cores.put(name, (nanos - earlier.cpuNanos.getOrDefault(name, 0L)) / wall));
            return cores;
        }
    }

    /** @param nodeMainClasses a label for each child JVM's main class, in the order the report shows them */
    CpuUse(Map<String, String> nodeMainClasses, Path postgresDataDirectory) {
        this.nodeMainClasses = nodeMainClasses;
        this.postgresDataDirectory = postgresDataDirectory;
    }

    static long harnessNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    Reading read() {
        Map<String, Long> cpu = new LinkedHashMap<>();
        cpu.put("harness", harnessNanos());
        nodeMainClasses.forEach((label, mainClass) -> cpu.put(label, ProcessHandle.current().children()
                .filter(child -> arguments(child).contains(mainClass))
                .mapToLong(CpuUse::cpuNanos).sum()));
        cpu.put("postgres", postmaster(postgresDataDirectory).map(postmaster -> cpuNanos(postmaster) + reapedChildrenNanos(postmaster)
                + postmaster.descendants().mapToLong(CpuUse::cpuNanos).sum()).orElse(0L));
        return new Reading(System.nanoTime(), cpu);
    }

    /** The postmaster of a PostgreSQL data directory, from its {@code postmaster.pid}; empty when it is not running. */
    static Optional<ProcessHandle> postmaster(Path dataDirectory) {
        try (Stream<String> lines = Files.lines(dataDirectory.resolve("postmaster.pid"))) {
            return lines.findFirst().map(String::trim).map(Long::parseLong).flatMap(ProcessHandle::of);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** From /proc: {@code ProcessHandle.Info} gives no arguments for a command line over 4 KB (a long classpath). */
    private static List<String> arguments(ProcessHandle process) {
        try {
            return List.of(new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")),
                    StandardCharsets.UTF_8).split("\0"));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The CPU time of the process's children that exited and were waited for ({@code cutime} and {@code cstime}). */
    private static long reapedChildrenNanos(ProcessHandle process) {
        long[] ticks = statTicks(process.pid());
        return (ticks[2] + ticks[3]) * NANOS_PER_TICK;
    }

    /**
     * {@code utime}, {@code stime}, {@code cutime} and {@code cstime} of /proc's {@code stat}, in the kernel's USER_HZ
     * ticks ({@link #NANOS_PER_TICK}); zeros for a process gone.
     */
    static long[] statTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12]), Long.parseLong(fields[13]),
                    Long.parseLong(fields[14])};
        } catch (IOException | RuntimeException e) {
            return new long[4];
        }
    }

    private static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }
}
