package dev.incidentsla.service.web;

import dev.incidentsla.edge.input.InputRules;

import java.util.List;

/** The request is malformed: a required field is missing or a value has the wrong form (400). */
class BadRequestException extends RuntimeException {

    BadRequestException(String message) {
        super(message);
    }

    static <T> T required(T value, String field) {
        if (value == null || value instanceof String text && InputRules.isBlank(text)) {
            throw new BadRequestException(field + " is required");
        }
        return value;
    }

    /** An absent list is empty; a list with a null in it is malformed. */
    static <T> List<T> withoutNulls(List<T> values, String field) {
        if (values == null) {
            return List.of();
        }
        for (int index = 0; index < values.size(); index++) {
            if (values.get(index) == null) {
                throw new BadRequestException(field + "[" + index + "] is null");
            }
        }
        return values;
    }
}
