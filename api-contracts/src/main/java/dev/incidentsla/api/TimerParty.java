package dev.incidentsla.api;

/** Who owes what a timer measures: a customer's breach is a fact for the record, never a breach by Microsoft. */
public enum TimerParty {
    MICROSOFT, CUSTOMER
}
