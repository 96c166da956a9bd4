package dev.incidentsla.listing;

import dev.incidentsla.api.FirstResponseStatus;
import dev.incidentsla.api.Severity;

import java.time.Instant;

/**
 * What a list asks for; every part is optional (null) and the parts combine.
 *
 * @param status              OPEN or CLOSED
 * @param severity            the incident's severity now (after any re-grade), as its view shows it
 * @param firstResponseStatus the first-response status at the request's instant, as the items show it: a pending SLA
 *                            whose deadline has passed is BREACHED
 * @param submittedFrom       submitted at or after it
 * @param submittedTo         submitted before it
 */
public record IncidentFilter(String contractId, String status, Severity severity, FirstResponseStatus firstResponseStatus,
                             Instant submittedFrom, Instant submittedTo) {

    /** The filter as text, the same for equal filters: a cursor is bound to it. */
    String canonical() {
        return String.join("\n", String.valueOf(contractId), String.valueOf(status), String.valueOf(severity),
                String.valueOf(firstResponseStatus), String.valueOf(submittedFrom), String.valueOf(submittedTo));
    }
}
