package dev.incidentsla.sla.policy;

/**
 * Conditions on a program that covers only scheduled critical business events.
 *
 * @param minimumNoticeDays the window must be confirmed at least this many days before it starts, unless approved
 * @param minimumWindowDays shortest window a contract may schedule, in calendar days
 * @param maximumWindowDays longest window a contract may schedule, in calendar days
 */
public record ScheduledEventRule(int minimumNoticeDays, int minimumWindowDays, int maximumWindowDays) {
}
