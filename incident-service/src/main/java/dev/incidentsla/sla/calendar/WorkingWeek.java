package dev.incidentsla.sla.calendar;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The weekly pattern of working windows. A weekday without windows is a weekend day; a weekend day or
 * holiday that is made a working day uses {@code extraWorkingDayWindows}.
 */
public final class WorkingWeek {

    private final Map<DayOfWeek, List<WorkingWindow>> windows;
    private final List<WorkingWindow> extraWorkingDayWindows;
    private final String description;

    public WorkingWeek(Map<DayOfWeek, List<WorkingWindow>> windows, List<WorkingWindow> extraWorkingDayWindows) {
        this.windows = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            this.windows.put(day, sortedDisjoint(windows.getOrDefault(day, List.of()), day.toString()));
        }
        this.extraWorkingDayWindows = sortedDisjoint(extraWorkingDayWindows, "extra working days");
        if (this.extraWorkingDayWindows.isEmpty()) {
            throw new IllegalArgumentException("an extra working day needs at least one working window");
        }
        this.description = this.windows.entrySet().stream()
                .filter(entry -> !entry.getValue().isEmpty())
                .map(entry -> entry.getKey().toString().substring(0, 3) + " " + entry.getValue().stream()
                        .map(WorkingWindow::toString).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
    }

    /** The same windows on every day that is not a weekend day. */
    public static WorkingWeek uniform(List<WorkingWindow> dayWindows, List<DayOfWeek> weekendDays) {
        Map<DayOfWeek, List<WorkingWindow>> windows = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            windows.put(day, weekendDays.contains(day) ? List.of() : dayWindows);
        }
        return new WorkingWeek(windows, dayWindows);
    }

    public static WorkingWeek mondayToFriday(String opens, String closes) {
        return uniform(List.of(WorkingWindow.parse(opens, closes)), List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
    }

    public List<WorkingWindow> windowsOn(DayOfWeek day) {
        return windows.get(day);
    }

    public boolean isWeekend(DayOfWeek day) {
        return windows.get(day).isEmpty();
    }

    /** Windows of a day that is a working day only by exception: its own weekday's, else the extra-day windows. */
    public List<WorkingWindow> windowsOnExtraWorkingDay(DayOfWeek day) {
        List<WorkingWindow> own = windows.get(day);
        return own.isEmpty() ? extraWorkingDayWindows : own;
    }

    public boolean hasWorkingTime() {
        return windows.values().stream().anyMatch(list -> !list.isEmpty());
    }

    private static List<WorkingWindow> sortedDisjoint(List<WorkingWindow> windows, String what) {
        List<WorkingWindow> sorted = new ArrayList<>(windows);
        sorted.sort(null);
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i - 1).overlaps(sorted.get(i))) {
                throw new IllegalArgumentException("overlapping working windows on " + what + ": " + sorted);
            }
        }
        return List.copyOf(sorted);
    }

    @Override
    public String toString() {
        return description;
    }
}
