package dev.incidentsla.edge.problem;

import dev.incidentsla.edge.input.RefusedInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What was wrong with a request, in the client's terms: the field's path in the body and the value it expected.
 * Jackson's and Spring's own messages name Java classes and tokens, so none of them is passed on as it is.
 */
public final class InputDescriptions {

    /** Java's words: a qualified class name, a nested class, an exception's name, a generic signature. */
    private static final Pattern INTERNAL = Pattern.compile(
            "\\b[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+\\.[A-Z]|\\$[A-Za-z]|[A-Za-z]+(Exception|Error)\\b|<[a-zA-Z.]+>|`");

    private InputDescriptions() {
    }

    /** The detail itself when it reads as the client's language, else the fallback. */
    public static String safe(String detail, String fallback) {
        return detail == null || detail.isBlank() || INTERNAL.matcher(detail).find() ? fallback : detail;
    }

    public static String ofJson(JacksonException error) {
        String at = path(error);
        if (error instanceof RefusedInputException refused) {
            return at + " " + refused.getOriginalMessage();
        }
        if (error instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds() == null ? "" : unknown.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            return "unknown field " + at + (known.isEmpty() ? "" : " (this object takes: " + known + ")");
        }
        if (error instanceof InvalidNullException) {
            return at + " must not be null";
        }
        if (error instanceof ValueInstantiationException) {
            Throwable cause = error.getCause();
            String reason = cause instanceof IllegalArgumentException ? safe(cause.getMessage(), null) : null;
            return reason == null ? at + " is not acceptable" : at + ": " + reason;
        }
        if (error instanceof MismatchedInputException mismatch) {
            if (mismatch.getTargetType() == null) {
                return at + " does not have the expected form";
            }
            return at + " must be " + expected(mismatch.getTargetType());
        }
        if (error instanceof StreamReadException) {
            String reason = safe(error.getOriginalMessage(), "it cannot be parsed");
            return "the body is not valid JSON: " + reason + where(error.getLocation());
        }
        return at + " does not have the expected form";
    }

    /** Plain words for what a field of this type takes. */
    public static String expected(Class<?> type) {
        if (type == String.class || type == Character.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Instant.class) {
            return "an instant with its zone, such as 2026-11-20T09:15:00Z";
        }
        if (type == LocalDate.class) {
            return "a date such as 2026-12-24";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Objects::toString).collect(Collectors.joining(", "));
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        return "an object";
    }

    private static String path(JacksonException error) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : error.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "the body" : "'" + path + "'";
    }

    private static String where(TokenStreamLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
