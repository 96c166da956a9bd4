package dev.incidentsla.api.contract;

/** One local working window of a day, {@code HH:mm} to {@code HH:mm}, closing time excluded. */
public record TimeWindow(String opens, String closes) {
}
