package dev.incidentsla.sla.calendar;

/** Why a local day has the working windows it has. */
public enum DayKind {
    WORKING_DAY(true, "working day"),
    WEEKEND(false, "weekend"),
    PUBLIC_HOLIDAY(false, "public holiday"),
    CONTRACT_HOLIDAY(false, "contract holiday"),
    ADJUSTED_WORKING_DAY(true, "adjusted working day"),
    EXTRA_WORKING_DAY(true, "contract extra working day");

    private final boolean working;
    private final String description;

    DayKind(boolean working, String description) {
        this.working = working;
        this.description = description;
    }

    public boolean isWorking() {
        return working;
    }

    public String description() {
        return description;
    }
}
