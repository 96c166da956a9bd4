package dev.incidentsla.cluster.deploy.compose;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a Dockerfile's final stage gives a container: its {@code ENV}, {@code USER}, and {@code ENTRYPOINT} and
 * {@code CMD} (exec form). Written for the project's own Dockerfiles: another form of these instructions is refused
 * rather than misread.
 */
record Dockerfile(Map<String, String> environment, Optional<String> user, List<String> entrypoint, List<String> command) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Dockerfile read(Path file) throws IOException {
        Map<String, String> environment = new LinkedHashMap<>();
        String user = null;
        List<String> entrypoint = List.of();
        List<String> command = List.of();
        for (String instruction : instructions(Files.readAllLines(file))) {
            String[] parts = instruction.split("\\s+", 2);
            String keyword = parts[0].toUpperCase(Locale.ROOT);
            String arguments = parts.length > 1 ? parts[1].strip() : "";
            switch (keyword) {
                case "FROM" -> {
                    environment.clear();
                    user = null;
                    entrypoint = List.of();
                    command = List.of();
                }
                case "ENV" -> environment.putAll(pairs(arguments, file));
                case "USER" -> user = arguments;
                case "ENTRYPOINT" -> {
                    entrypoint = execForm(arguments, file);
                    command = List.of();
                }
                case "CMD" -> command = execForm(arguments, file);
                default -> {
                }
            }
        }
        return new Dockerfile(Map.copyOf(environment), Optional.ofNullable(user), entrypoint, command);
    }

    /** Instructions, continuation lines joined, comments and blank lines left out. */
    private static List<String> instructions(List<String> lines) {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || trimmed.isEmpty() && current.isEmpty()) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            instructions.add(current.append(trimmed).toString().strip());
            current.setLength(0);
        }
        return instructions;
    }

    /** {@code ENV NAME=value NAME="quoted value"}; the old {@code ENV NAME value} form is refused. */
    private static Map<String, String> pairs(String arguments, Path file) {
        Map<String, String> pairs = new LinkedHashMap<>();
        int at = 0;
        while (at < arguments.length()) {
            int equals = arguments.indexOf('=', at);
            if (equals < 0 || arguments.substring(at, equals).contains(" ")) {
                throw new IllegalArgumentException(file + ": ENV " + arguments + " is not in NAME=value form");
            }
            String name = arguments.substring(at, equals);
            StringBuilder value = new StringBuilder();
            int position = equals + 1;
            if (position < arguments.length() && arguments.charAt(position) == '"') {
                position++;
                while (arguments.charAt(position) != '"') {
                    if (arguments.charAt(position) == '\\') {
                        position++;
                    }
                    value.append(arguments.charAt(position++));
                }
                position++;
            } else {
                while (position < arguments.length() && !Character.isWhitespace(arguments.charAt(position))) {
                    value.append(arguments.charAt(position++));
                }
            }
            pairs.put(name, value.toString());
            at = position;
            while (at < arguments.length() && Character.isWhitespace(arguments.charAt(at))) {
                at++;
            }
        }
        return pairs;
    }

    private static List<String> execForm(String arguments, Path file) {
        if (!arguments.startsWith("[")) {
            throw new IllegalArgumentException(file + ": " + arguments + " is in shell form; the exec form (JSON) is expected");
        }
        try {
            return JSON.readValue(arguments, new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": " + arguments + " is not a JSON list of strings", e);
        }
    }
}
