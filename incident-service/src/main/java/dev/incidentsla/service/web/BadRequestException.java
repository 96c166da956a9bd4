package dev.incidentsla.service.web;

/** The request is malformed: a required field is missing or a value has the wrong form (400). */
class BadRequestException extends RuntimeException {

    BadRequestException(String message) {
        super(message);
    }

    static <T> T required(T value, String field) {
        if (value == null || value instanceof String text && text.isBlank()) {
            throw new BadRequestException(field + " is required");
        }
        return value;
    }
}
