package dev.incidentsla.cluster.deploy.compose;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * docker-compose.yml as compose reads it: YAML with anchors and merge keys ({@code <<}), then every string value
 * interpolated with the {@code .env} variables. Only what the tests look at is modelled.
 */
final class ComposeFile {

    private final Path directory;
    private final Map<String, Object> services;

    private ComposeFile(Path directory, Map<String, Object> services) {
        this.directory = directory;
        this.services = services;
    }

    /**
     * The repository's docker-compose.yml as compose reads it with {@code .env.example} copied to {@code .env} and
     * these values added: a test's values for what the example leaves to the operator (secrets, the token issuer).
     */
    static ComposeFile ofRepository(Map<String, String> operatorValues) throws IOException {
        Path repository = repository();
        return read(repository.resolve("docker-compose.yml"),
                ComposeVariables.fromEnvFile(repository.resolve(".env.example"), operatorValues));
    }

    /** The repository's top directory, the one holding docker-compose.yml. */
    static Path repository() {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            if (Files.exists(directory.resolve("docker-compose.yml"))) {
                return directory;
            }
        }
        throw new IllegalStateException("no docker-compose.yml above " + Path.of("").toAbsolutePath());
    }

    static ComposeFile read(Path file, ComposeVariables variables) throws IOException {
        Object document;
        try (Reader in = Files.newBufferedReader(file)) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
        Map<String, Object> top = map(interpolated(document, variables), "the file");
        return new ComposeFile(file.toAbsolutePath().getParent(), map(top.get("services"), "services"));
    }

    Set<String> serviceNames() {
        return services.keySet();
    }

    Service service(String name) {
        if (!services.containsKey(name)) {
            throw new IllegalArgumentException("docker-compose.yml has no service " + name + "; it has " + services.keySet());
        }
        return new Service(name, map(services.get(name), name));
    }

    /** One service's definition, merge keys resolved. */
    final class Service {

        private final String name;
        private final Map<String, Object> definition;

        private Service(String name, Map<String, Object> definition) {
            this.name = name;
            this.definition = definition;
        }

        String name() {
            return name;
        }

        /** The whole definition, for comparing replicas. */
        Map<String, Object> definition() {
            return definition;
        }

        /** Its environment, in map or {@code NAME=value} list form; a name without a value (the host's) is refused. */
        Map<String, String> environment() {
            Object environment = definition.getOrDefault("environment", Map.of());
            Map<String, String> result = new LinkedHashMap<>();
            if (environment instanceof List<?> entries) {
                for (Object entry : entries) {
                    String text = String.valueOf(entry);
                    int equals = text.indexOf('=');
                    if (equals < 0) {
                        throw new IllegalArgumentException(name + ": environment entry " + text + " takes the host's value");
                    }
                    result.put(text.substring(0, equals), text.substring(equals + 1));
                }
            } else {
                map(environment, name + ".environment").forEach((key, value) -> {
                    if (value == null) {
                        throw new IllegalArgumentException(name + ": environment entry " + key + " takes the host's value");
                    }
                    result.put(key, String.valueOf(value));
                });
            }
            return result;
        }

        /** The Dockerfile its image is built from. */
        Optional<Path> dockerfile() {
            Object build = definition.get("build");
            if (build == null) {
                return Optional.empty();
            }
            if (build instanceof String context) {
                return Optional.of(directory.resolve(context).resolve("Dockerfile").normalize());
            }
            Map<String, Object> settings = map(build, name + ".build");
            Path context = directory.resolve(String.valueOf(settings.getOrDefault("context", "."))).normalize();
            return Optional.of(context.resolve(String.valueOf(settings.getOrDefault("dockerfile", "Dockerfile"))).normalize());
        }

        Optional<List<String>> entrypoint() {
            return commandLine("entrypoint");
        }

        Optional<List<String>> command() {
            return commandLine("command");
        }

        private Optional<List<String>> commandLine(String key) {
            Object value = definition.get(key);
            if (value == null) {
                return Optional.empty();
            }
            if (value instanceof String shellForm) {
                throw new IllegalArgumentException(name + "." + key + " in shell form (" + shellForm + "): write it as a list");
            }
            return Optional.of(strings(value, name + "." + key));
        }

        /** The health check's command as compose runs it in the container. */
        List<String> healthCheck() {
            Map<String, Object> healthcheck = map(definition.get("healthcheck"), name + ".healthcheck");
            Object test = healthcheck.get("test");
            if (test instanceof String shell) {
                return List.of("/bin/sh", "-c", shell);
            }
            List<String> command = strings(test, name + ".healthcheck.test");
            return switch (command.get(0)) {
                case "CMD" -> command.subList(1, command.size());
                case "CMD-SHELL" -> List.of("/bin/sh", "-c", String.join(" ", command.subList(1, command.size())));
                default -> throw new IllegalArgumentException(name + ": health check " + command + " does not run a command");
            };
        }

        /** The services it waits for at start, and for what of each ({@code service_healthy}, ...). */
        Map<String, String> dependsOn() {
            Object dependsOn = definition.getOrDefault("depends_on", Map.of());
            Map<String, String> result = new LinkedHashMap<>();
            if (dependsOn instanceof List<?> names) {
                names.forEach(service -> result.put(String.valueOf(service), "service_started"));
            } else {
                map(dependsOn, name + ".depends_on").forEach((service, condition) -> result.put(service,
                        String.valueOf(map(condition, name + ".depends_on." + service).getOrDefault("condition", "service_started"))));
            }
            return result;
        }

        /** {@code mem_limit} in bytes, if set. */
        Optional<Long> memoryLimit() {
            Object limit = definition.get("mem_limit");
            return limit == null ? Optional.empty() : Optional.of(Sizes.bytes(String.valueOf(limit)));
        }

        /** Its bind mounts ({@code ./path:/in/container[:ro]}), the host side resolved against the file's directory. */
        List<BindMount> bindMounts() {
            List<BindMount> mounts = new ArrayList<>();
            for (String volume : strings(definition.getOrDefault("volumes", List.of()), name + ".volumes")) {
                String[] parts = volume.split(":");
                if (parts[0].startsWith(".") || parts[0].startsWith("/")) {
                    mounts.add(new BindMount(directory.resolve(parts[0]).normalize(), parts[1]));
                }
            }
            return mounts;
        }

        /** The ports it listens on in its container, as it publishes them. */
        List<Integer> containerPorts() {
            return strings(definition.getOrDefault("ports", List.of()), name + ".ports").stream()
                    .map(port -> Integer.valueOf(port.substring(port.lastIndexOf(':') + 1).replace("/tcp", ""))).toList();
        }

        /** The host ports it publishes. */
        List<String> publishedPorts() {
            List<String> published = new ArrayList<>();
            for (String port : strings(definition.getOrDefault("ports", List.of()), name + ".ports")) {
                String[] parts = port.split(":");
                if (parts.length < 2) {
                    throw new IllegalArgumentException(name + ": port " + port + " is published on a random host port");
                }
                published.add(parts[parts.length - 2]);
            }
            return published;
        }
    }

    private static Object interpolated(Object value, ComposeVariables variables) {
        if (value instanceof String text) {
            return variables.interpolate(text);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((key, item) -> result.put(String.valueOf(key), interpolated(item, variables)));
            return result;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(item -> interpolated(item, variables)).toList();
        }
        return value;
    }

    /** A file or directory of the host seen at {@code target} in the container. */
    record BindMount(Path source, String target) {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String what) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(what + " is not a mapping: " + value);
        }
        return (Map<String, Object>) value;
    }

    static List<String> strings(Object value, String what) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(what + " is not a list: " + value);
        }
        return list.stream().map(String::valueOf).toList();
    }
}
