package dev.incidentsla.cluster.deploy.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variables compose substitutes into docker-compose.yml (from {@code .env}), and its substitution:
 * {@code $$}, {@code $NAME}, {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME-default}},
 * {@code ${NAME:?message}} and {@code ${NAME?message}}. Stricter than compose in one way: a variable that is not set
 * and has no default is an error here, where compose would substitute an empty string with a warning, so that a
 * misspelt name fails the test rather than start a service without the setting.
 */
final class ComposeVariables {

    private static final Pattern REFERENCE = Pattern.compile(
            "\\$(?:(\\$)|([A-Za-z_][A-Za-z0-9_]*)|\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?})");
    private static final Pattern ENV_LINE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(.*)");

    private final Map<String, String> values;

    private ComposeVariables(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The variables of an env file ({@code NAME=value} lines, blank lines and {@code #} comments), with these added over them. */
    static ComposeVariables fromEnvFile(Path file, Map<String, String> added) throws IOException {
        Map<String, String> values = new LinkedHashMap<>(readEnvFile(file));
        values.putAll(added);
        return new ComposeVariables(values);
    }

    static Map<String, String> readEnvFile(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            Matcher entry = ENV_LINE.matcher(trimmed);
            if (!entry.matches()) {
                throw new IllegalArgumentException(file + ": not a NAME=value line: " + line);
            }
            values.put(entry.group(1), unquoted(entry.group(2).strip()));
        }
        return values;
    }

    private static String unquoted(String value) {
        boolean quoted = value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"));
        return quoted ? value.substring(1, value.length() - 1) : value;
    }

    /** {@code text} with every variable reference replaced as compose replaces it. */
    String interpolate(String text) {
        Matcher reference = REFERENCE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (reference.find()) {
            reference.appendReplacement(result, Matcher.quoteReplacement(resolve(reference, text)));
        }
        reference.appendTail(result);
        return result.toString();
    }

    private String resolve(Matcher reference, String text) {
        if (reference.group(1) != null) {
            return "$";
        }
        String name = reference.group(2) != null ? reference.group(2) : reference.group(3);
        String value = values.get(name);
        String operator = reference.group(4);
        boolean missing = operator != null && operator.startsWith(":") ? value == null || value.isEmpty() : value == null;
        if (operator != null && operator.endsWith("-")) {
            return missing ? reference.group(5) : value;
        }
        if (operator != null && operator.endsWith("?")) {
            if (missing) {
                throw new IllegalArgumentException("required variable " + name + " is missing: " + reference.group(5));
            }
            return value;
        }
        if (value == null) {
            throw new IllegalArgumentException("variable " + name + " is not set and has no default, in: " + text);
        }
        return value;
    }
}
