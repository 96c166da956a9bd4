package dev.incidentsla.edge.problem;

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

    /**
     * Java's words: a qualified class name, a nested class, an exception's name, a generic signature, a parser token.
     * Each alternative starts at a word's start, so that a detail quoting a long value is scanned in linear time.
     */
    private static final Pattern INTERNAL = Pattern.compile(
            "\\b[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+\\.[A-Z]|\\$[A-Za-z]|\\b[A-Za-z]*(Exception|Error)\\b|<[a-zA-Z.]+>|`"
                    + "|\\b(JsonToken|NOT_AVAILABLE|START_OBJECT|END_OBJECT|START_ARRAY|END_ARRAY|FIELD_NAME|PROPERTY_NAME"
                    + "|VALUE_EMBEDDED_OBJECT|VALUE_STRING|VALUE_NUMBER_INT|VALUE_NUMBER_FLOAT|VALUE_TRUE|VALUE_FALSE|VALUE_NULL)\\b");

    /** Jackson's tokens as the client would say them, for its messages about where a document broke off. */
    private static final Map<String, String> TOKENS_IN_WORDS = Map.ofEntries(
            Map.entry("START_OBJECT", "an object"), Map.entry("END_OBJECT", "the end of an object"),
            Map.entry("START_ARRAY", "an array"), Map.entry("END_ARRAY", "the end of an array"),
            Map.entry("FIELD_NAME", "a field name"), Map.entry("PROPERTY_NAME", "a field name"),
            Map.entry("VALUE_STRING", "a string"), Map.entry("VALUE_NUMBER_INT", "a number"),
            Map.entry("VALUE_NUMBER_FLOAT", "a number"), Map.entry("VALUE_TRUE", "true"), Map.entry("VALUE_FALSE", "false"),
            Map.entry("VALUE_NULL", "null"));
    private static final Pattern TOKEN = Pattern.compile("\\b(" + String.join("|", TOKENS_IN_WORDS.keySet()) + ")\\b");

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
            String reason = safe(inWords(error.getOriginalMessage()), "it cannot be parsed");
            return "the body is not valid JSON: " + reason + where(error.getLocation());
        }
        return at + " does not have the expected form";
    }

    private static String inWords(String message) {
        return message == null ? null : TOKEN.matcher(message).replaceAll(token -> TOKENS_IN_WORDS.get(token.group()));
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
