package dev.incidentsla.service;

/** The request names a contract or incident that does not exist (404). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
