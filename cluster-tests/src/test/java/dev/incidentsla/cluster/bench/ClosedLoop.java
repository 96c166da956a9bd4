package dev.incidentsla.cluster.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A closed loop: {@code workers} threads, each sending its next call as soon as the previous one answered, until a
 * time is up or a number of calls is done; how many were done and how long each took. Each worker holds its own
 * connection ({@link Worker}), so that the loop measures the server and not a shared client.
 */
final class ClosedLoop {

    /** One worker's connection: makes call number {@code n} (0, 1, ... over all workers); false for a failed call. */
    interface Worker extends AutoCloseable {
        boolean call(long n) throws Exception;
    }

    @FunctionalInterface
    interface WorkerFactory {
        Worker open(int index) throws Exception;
    }

    /**
     * What a loop did.
     *
     * @param latency of the successful calls
     * @param harnessCpu this JVM's CPU time over the loop, over its wall time (in cores)
     */
    record Result(long done, long failed, double seconds, Stats latency, double harnessCpu, String firstFailure) {
        double perSecond() {
            return done / Math.max(1e-9, seconds);
        }
    }

    private ClosedLoop() {
    }

    /** Until {@code duration} has passed. */
    static Result forDuration(int workers, Duration duration, WorkerFactory factory) throws InterruptedException {
        return run(workers, duration, Long.MAX_VALUE, factory);
    }

    /** Calls 0 to {@code count - 1}, each once, or fewer if {@code limit} passes first. */
    static Result forCount(int workers, long count, Duration limit, WorkerFactory factory) throws InterruptedException {
        return run(workers, limit, count, factory);
    }

    private static Result run(int workers, Duration duration, long count, WorkerFactory factory) throws InterruptedException {
        AtomicLong next = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        List<List<Double>> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long cpuBefore = CpuUse.harnessNanos();
        long started = System.nanoTime();
        long endAt = started + duration.toNanos();
        for (int i = 0; i < workers; i++) {
            List<Double> own = new ArrayList<>(1 << 16);
            latencies.add(own);
            int index = i;
            Thread thread = new Thread(() -> {
                try (Worker worker = factory.open(index)) {
                    for (long n = next.getAndIncrement(); n < count && System.nanoTime() < endAt; n = next.getAndIncrement()) {
                        long callStarted = System.nanoTime();
                        boolean ok;
                        try {
                            ok = worker.call(n);
                        } catch (Exception e) {
                            ok = false;
                            firstFailure.compareAndSet(null, e.toString());
                        }
                        if (ok) {
                            own.add((System.nanoTime() - callStarted) / 1e6);
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                    firstFailure.compareAndSet(null, "worker " + index + ": " + e);
                }
            }, "closed-loop-" + i);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long wall = System.nanoTime() - started;
        double cores = (CpuUse.harnessNanos() - cpuBefore) / (double) wall;
        List<Double> all = new ArrayList<>();
        latencies.forEach(all::addAll);
        return new Result(all.size(), failed.get(), wall / 1e9, Stats.of(all), cores, firstFailure.get());
    }
}
