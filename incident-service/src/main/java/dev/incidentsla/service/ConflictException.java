package dev.incidentsla.service;

/** The resource's state forbids the command (409). */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
