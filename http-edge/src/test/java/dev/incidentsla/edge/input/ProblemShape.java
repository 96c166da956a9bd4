package dev.incidentsla.edge.input;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What every refusal of either service must look like: {@code application/problem+json} with a {@code status} equal
 * to the HTTP status, a non-empty {@code title} and {@code detail}, and a detail in the client's words, naming no
 * Java class, exception, Jackson token or stack frame. The bad-input suites of both services check each answer here.
 */
public final class ProblemShape {

    private static final JsonMapper JSON = JsonMapper.shared();

    /** Each pattern names what it catches, so that a violation says which rule the detail broke. */
    private static final Map<String, Pattern> INTERNAL_WORDING = Map.of(
            "a qualified Java class name", Pattern.compile("\\b(java|javax|jdk|sun)\\.[a-z]+|\\b[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+\\.[A-Z][A-Za-z0-9_$]*"),
            "an exception's or error's name", Pattern.compile("\\b[A-Za-z]*(Exception|Error)\\b"),
            "a Jackson token", Pattern.compile("\\b(JsonToken|START_OBJECT|END_OBJECT|START_ARRAY|END_ARRAY|FIELD_NAME|PROPERTY_NAME"
                    + "|VALUE_STRING|VALUE_NUMBER_INT|VALUE_NUMBER_FLOAT|VALUE_TRUE|VALUE_FALSE|VALUE_NULL|VALUE_EMBEDDED_OBJECT)\\b"),
            "a stack frame", Pattern.compile("\\bat [\\w.$]+\\(|\\.java:\\d+|\\$\\$Lambda|\\$[A-Z][A-Za-z]*\\b"),
            "a parser's source reference", Pattern.compile("\\[Source: |REDACTED|StreamReadConstraints|through reference chain"),
            "a Java type", Pattern.compile("`[^`]*`|\\b(Mono|Flux|Optional|List|Map)<|\\b(java\\.lang\\.)?(String|Integer|Long|Boolean|Object)\\[\\]"),
            "a framework's name", Pattern.compile("\\b(Jackson|Spring|Netty|Reactor|Axon|Hibernate|PSQL|Hikari|JDBC)\\b"));

    private ProblemShape() {
    }

    /** Every way the answer misses the problem shape; empty when it is a well-formed problem of its status. */
    public static List<String> violations(int status, String contentType, String body) {
        List<String> violations = new ArrayList<>();
        if (contentType == null || !contentType.startsWith("application/problem+json")) {
            violations.add("Content-Type is '" + contentType + "', not application/problem+json");
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(body == null ? "" : body);
        } catch (Exception e) {
            violations.add("the body is not JSON: " + abbreviated(body));
            return violations;
        }
        if (problem == null || !problem.isObject()) {
            violations.add("the body is not a JSON object: " + abbreviated(body));
            return violations;
        }
        if (!problem.path("status").isInt() || problem.path("status").asInt() != status) {
            violations.add("'status' is " + problem.get("status") + ", not " + status);
        }
        if (!problem.path("title").isString() || problem.path("title").asString().isBlank()) {
            violations.add("'title' is missing or empty");
        }
        JsonNode detail = problem.path("detail");
        if (!detail.isString() || detail.asString().isBlank()) {
            violations.add("'detail' is missing or empty");
        } else {
            INTERNAL_WORDING.forEach((what, pattern) -> {
                var found = pattern.matcher(detail.asString());
                if (found.find()) {
                    violations.add("'detail' names " + what + " ('" + found.group() + "'): " + abbreviated(detail.asString()));
                }
            });
        }
        for (String leak : List.of("trace", "exception", "stackTrace", "errors")) {
            if (problem.has(leak)) {
                violations.add("the problem carries '" + leak + "'");
            }
        }
        return violations;
    }

    public static List<String> violations(RawHttp.Response response) {
        return violations(response.status(), response.contentType(), response.body());
    }

    /** A value as a test name shows it: control characters escaped, long values shortened. */
    public static String printable(String value) {
        StringBuilder text = new StringBuilder();
        value.codePoints().limit(60).forEach(c -> text.append(Character.isISOControl(c) || Character.isWhitespace(c) && c != ' '
                ? "\\u%04x".formatted(c) : Character.toString(c)));
        return value.length() > 60 ? text + "...(" + value.length() + " chars)" : text.toString();
    }

    public static String abbreviated(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() <= 300 ? text : text.substring(0, 300) + "... (" + text.length() + " characters)";
    }
}
