package dev.incidentsla.listing;

/** An {@code after} that is no cursor this list gave for the same filters: altered, truncated, or another query's. */
public class InvalidCursorException extends RuntimeException {

    InvalidCursorException(String message) {
        super(message);
    }
}
