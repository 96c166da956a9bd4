package dev.incidentsla.projection.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The pending at-risk instants and deadlines, in memory, ordered by when they fire. One entry per incident
 * and kind: scheduling again moves it. Thread-safe; O(log n) per change, a few hundred bytes per incident.
 */
public final class DeadlineSchedule {

    /**
     * @param deadline the instant the alert is about: the at-risk instant, or the due instant
     * @param firesAt when to act: the at-risk instant itself; for a breach, just after the due instant
     *                (a response at exactly the due instant is met)
     */
    public record Entry(String incidentId, AlertKind kind, Instant deadline, Instant firesAt) {

        public static Entry warning(String incidentId, Instant atRiskAt) {
            return new Entry(incidentId, AlertKind.WARNING, atRiskAt, atRiskAt);
        }

        public static Entry breach(String incidentId, Instant dueAt) {
            return new Entry(incidentId, AlertKind.BREACH, dueAt, dueAt.plusMillis(1));
        }
    }

    private static final Comparator<Entry> BY_FIRING = Comparator.comparing(Entry::firesAt)
            .thenComparing(Entry::incidentId).thenComparing(Entry::kind);

    private final TreeSet<Entry> byFiring = new TreeSet<>(BY_FIRING);
    private final Map<String, EnumMap<AlertKind, Entry>> byIncident = new HashMap<>();

    public synchronized void put(Entry entry) {
        Entry previous = byIncident.computeIfAbsent(entry.incidentId(), id -> new EnumMap<>(AlertKind.class))
                .put(entry.kind(), entry);
        if (previous != null) {
            byFiring.remove(previous);
        }
        byFiring.add(entry);
        notifyAll();
    }

    public synchronized void cancel(String incidentId, AlertKind kind) {
        EnumMap<AlertKind, Entry> entries = byIncident.get(incidentId);
        if (entries == null) {
            return;
        }
        Entry removed = entries.remove(kind);
        if (removed != null) {
            byFiring.remove(removed);
        }
        if (entries.isEmpty()) {
            byIncident.remove(incidentId);
        }
    }

    public synchronized void cancelAll(String incidentId) {
        for (AlertKind kind : AlertKind.values()) {
            cancel(incidentId, kind);
        }
    }

    /** Removes and returns every entry that fires at or before {@code now}, earliest first. */
    public synchronized List<Entry> takeDue(Instant now) {
        List<Entry> due = new ArrayList<>();
        while (!byFiring.isEmpty() && !byFiring.first().firesAt().isAfter(now)) {
            Entry entry = byFiring.pollFirst();
            EnumMap<AlertKind, Entry> entries = byIncident.get(entry.incidentId());
            entries.remove(entry.kind());
            if (entries.isEmpty()) {
                byIncident.remove(entry.incidentId());
            }
            due.add(entry);
        }
        return due;
    }

    /** Puts entries back that were taken but could not be acted on yet, unless a newer one replaced them. */
    public synchronized void restore(List<Entry> entries) {
        for (Entry entry : entries) {
            EnumMap<AlertKind, Entry> current = byIncident.get(entry.incidentId());
            if (current == null || !current.containsKey(entry.kind())) {
                put(entry);
            }
        }
    }

    public synchronized Optional<Instant> nextFiring() {
        return byFiring.isEmpty() ? Optional.empty() : Optional.of(byFiring.first().firesAt());
    }

    public synchronized Optional<Entry> entry(String incidentId, AlertKind kind) {
        EnumMap<AlertKind, Entry> entries = byIncident.get(incidentId);
        return entries == null ? Optional.empty() : Optional.ofNullable(entries.get(kind));
    }

    public synchronized int size() {
        return byFiring.size();
    }

    /** Waits until the next entry may fire, a change arrives, or {@code maxWait} passes. */
    public synchronized void awaitChange(Instant now, java.time.Duration maxWait) throws InterruptedException {
        long waitMillis = maxWait.toMillis();
        if (!byFiring.isEmpty()) {
            waitMillis = Math.min(waitMillis, Math.max(0, java.time.Duration.between(now, byFiring.first().firesAt()).toMillis()));
        }
        if (waitMillis > 0) {
            wait(waitMillis);
        }
    }
}
