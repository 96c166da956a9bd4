package dev.incidentsla.sla.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Business-hours arithmetic of one support location: its zone's civil time (daylight saving included),
 * its working week, its public holidays and its contract's exceptions.
 *
 * <p>Both {@link #add} and {@link #elapsed} walk whole local days, so their cost grows with the number
 * of days crossed, not with the duration. A deadline that consumes its target exactly at a closing time
 * stays at that closing time (SLA-RULES 7.15).
 */
public final class BusinessCalendar {

    /** A walk that meets no working window for this many days in a row cannot end. */
    private static final int MAX_DAYS_WITHOUT_WORK = 3 * 366;

    private final ZoneId zone;
    private final ZoneRules rules;
    private final WorkingWeek week;
    private final PublicHolidays publicHolidays;
    private final LocalExceptions exceptions;
    private final Map<Integer, HolidayYear> years = new ConcurrentHashMap<>();

    public BusinessCalendar(ZoneId zone, WorkingWeek week, PublicHolidays publicHolidays, LocalExceptions exceptions) {
        this.zone = zone;
        this.rules = zone.getRules();
        this.week = week;
        this.publicHolidays = publicHolidays;
        this.exceptions = exceptions;
    }

    public ZoneId zone() {
        return zone;
    }

    public WorkingWeek week() {
        return week;
    }

    /** The working windows of a local day, and why it has them. */
    public DayPlan day(LocalDate date) {
        DayOfWeek weekday = date.getDayOfWeek();
        if (exceptions.extraWorkingDays().contains(date)) {
            return new DayPlan(date, DayKind.EXTRA_WORKING_DAY, week.windowsOnExtraWorkingDay(weekday), null);
        }
        boolean holidayRemoved = exceptions.removedHolidays().contains(date);
        if (!holidayRemoved && exceptions.extraHolidays().contains(date)) {
            return new DayPlan(date, DayKind.CONTRACT_HOLIDAY, List.of(), null);
        }
        HolidayYear year = years.computeIfAbsent(date.getYear(), publicHolidays::inYear);
        String holiday = year.holidays().get(date);
        if (!holidayRemoved && holiday != null) {
            return new DayPlan(date, DayKind.PUBLIC_HOLIDAY, List.of(), holiday);
        }
        String adjustedWorkingDay = year.workingDays().get(date);
        if (adjustedWorkingDay != null) {
            return new DayPlan(date, DayKind.ADJUSTED_WORKING_DAY, week.windowsOnExtraWorkingDay(weekday), adjustedWorkingDay);
        }
        if (week.isWeekend(weekday)) {
            return new DayPlan(date, DayKind.WEEKEND, List.of(), null);
        }
        return new DayPlan(date, DayKind.WORKING_DAY, week.windowsOn(weekday), null);
    }

    /**
     * The earliest instant at or after {@code start} by which {@code amount} of business time has passed
     * and that lies in a working window or exactly at its closing time. Started outside a window, the
     * clock starts at the next opening; a zero amount yields that opening.
     */
    public Instant add(Instant start, Duration amount) {
        return walk(start, amount, null);
    }

    /** {@link #add}, with the windows counted and the days skipped, for explanations. */
    public CalendarWalk addExplained(Instant start, Duration amount) {
        List<WalkStep> steps = new ArrayList<>();
        Instant end = walk(start, amount, steps);
        return new CalendarWalk(start, amount, end, zone, List.copyOf(steps));
    }

    /** Business time between two instants. */
    public Duration elapsed(Instant from, Instant to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("elapsed time needs from <= to, got " + from + " > " + to);
        }
        Duration total = Duration.ZERO;
        LocalDate last = LocalDate.ofInstant(to, zone);
        for (LocalDate date = LocalDate.ofInstant(from, zone); !date.isAfter(last); date = date.plusDays(1)) {
            for (WorkingWindow window : day(date).windows()) {
                Span span = span(date, window);
                Instant opens = max(span.opens(), from);
                Instant closes = min(span.closes(), to);
                if (opens.isBefore(closes)) {
                    total = total.plus(Duration.between(opens, closes));
                }
            }
        }
        return total;
    }

    /** Whether the instant lies inside a working window, its opening included and its closing excluded. */
    public boolean isBusinessTime(Instant instant) {
        LocalDate date = LocalDate.ofInstant(instant, zone);
        for (WorkingWindow window : day(date).windows()) {
            Span span = span(date, window);
            if (!instant.isBefore(span.opens()) && instant.isBefore(span.closes())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the instant is exactly the closing time of a working window. */
    public boolean isClosingTime(Instant instant) {
        LocalDate date = LocalDate.ofInstant(instant, zone);
        for (LocalDate day : List.of(date.minusDays(1), date)) {
            for (WorkingWindow window : day(day).windows()) {
                if (instant.equals(span(day, window).closes())) {
                    return true;
                }
            }
        }
        return false;
    }

    private Instant walk(Instant start, Duration amount, List<WalkStep> steps) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("cannot add a negative duration: " + amount);
        }
        if (amount.isZero() && isClosingTime(start)) {
            return start;
        }
        Duration remaining = amount;
        int daysWithoutWork = 0;
        for (LocalDate date = LocalDate.ofInstant(start, zone); ; date = date.plusDays(1)) {
            DayPlan plan = day(date);
            boolean counted = false;
            for (WorkingWindow window : plan.windows()) {
                Span span = span(date, window);
                boolean usable = span.closes().isAfter(start) || (span.closes().equals(start) && remaining.isZero());
                Instant from = max(span.opens(), start);
                if (!usable || from.isAfter(span.closes())) {
                    continue;
                }
                Duration available = Duration.between(from, span.closes());
                if (remaining.compareTo(available) <= 0) {
                    Instant due = from.plus(remaining);
                    record(steps, from, due);
                    return due;
                }
                remaining = remaining.minus(available);
                record(steps, from, span.closes());
                counted = true;
            }
            if (counted) {
                daysWithoutWork = 0;
            } else {
                if (steps != null) {
                    steps.add(new WalkStep.Skipped(plan, plan.kind().isWorking() ? "after closing" : plan.describe()));
                }
                if (++daysWithoutWork > MAX_DAYS_WITHOUT_WORK) {
                    throw new IllegalStateException("no working window within " + MAX_DAYS_WITHOUT_WORK
                            + " days after " + start + " in this calendar");
                }
            }
        }
    }

    private void record(List<WalkStep> steps, Instant from, Instant to) {
        if (steps != null) {
            steps.add(new WalkStep.Counted(ZonedDateTime.ofInstant(from, zone), ZonedDateTime.ofInstant(to, zone)));
        }
    }

    /** A working window of a local day as instants. */
    private record Span(Instant opens, Instant closes) {
    }

    private Span span(LocalDate date, WorkingWindow window) {
        return new Span(instantAt(date, window.opensAt()), instantAt(date, window.closesAt()));
    }

    /**
     * The instant a local wall clock shows a time of day. A time skipped by a daylight-saving gap is never
     * shown: it maps to the instant of the jump, so that only time the clock really shows inside a window counts.
     * A time shown twice (fall back) maps to its first occurrence.
     */
    private Instant instantAt(LocalDate date, int secondOfDay) {
        if (secondOfDay == WorkingWindow.END_OF_DAY) {
            return instantAt(date.plusDays(1), 0);
        }
        LocalDateTime local = LocalDateTime.of(date, LocalTime.ofSecondOfDay(secondOfDay));
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        return offsets.isEmpty() ? rules.getTransition(local).getInstant() : local.toInstant(offsets.get(0));
    }

    @Override
    public String toString() {
        return "BusinessCalendar[" + zone + "; " + week + "]";
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
