package dev.incidentsla.cluster.kubernetes;

import dev.incidentsla.edge.access.AccessProperties;
import dev.incidentsla.projection.settings.ProjectionProperties;
import dev.incidentsla.service.config.IncidentSlaProperties;
import dev.incidentsla.service.deadline.DeadlineSettings;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Whether an environment variable is a setting the services read, so that a misspelt or misplaced entry in a
 * manifest fails here instead of being ignored by the container. Spring's own settings are known from the
 * configuration metadata its jars carry; the project's own are bound to their classes with the entry changed, and an
 * entry is read when the change shows (or fails to bind). Spring reads an environment variable in two forms: the
 * setting's name upper-cased with dots as underscores and dashes removed ({@code SLAPROJECTION_KAFKA_PROPERTIES_X}),
 * or dashes as underscores too ({@code SLA_PROJECTION_KAFKA_BOOTSTRAP_SERVERS}); entries of a map only in the first.
 */
public final class SettingsTheCodeReads {

    /** Read by the JVM itself. */
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

    /** The project's settings classes, by the prefix they bind. */
    private static final Map<String, Class<?>> PROJECT_SETTINGS = Map.of(
            "sla-projection", ProjectionProperties.class,
            "incident-sla", IncidentSlaProperties.class,
            "incident-sla.deadlines", DeadlineSettings.class,
            "incident-sla.access", AccessProperties.class);

    private static final Set<String> SCALAR_NAMES = new HashSet<>();
    private static final Set<String> MAP_PREFIXES = new HashSet<>();

    static {
        try {
            for (URL metadata : Collections.list(SettingsTheCodeReads.class.getClassLoader()
                    .getResources("META-INF/spring-configuration-metadata.json"))) {
                try (InputStream in = metadata.openStream()) {
                    for (JsonNode property : JsonMapper.shared().readTree(in).path("properties")) {
                        String name = property.path("name").asString();
                        if (property.path("type").asString("").startsWith("java.util.Map")) {
                            MAP_PREFIXES.add(canonical(name) + "_");
                        } else {
                            SCALAR_NAMES.add(canonical(name));
                            SCALAR_NAMES.add(legacy(name));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!SCALAR_NAMES.contains("SPRING_DATASOURCE_URL")) {
            throw new IllegalStateException("Spring's configuration metadata is not on the classpath");
        }
    }

    private SettingsTheCodeReads() {
    }

    /** The entries of {@code environment} that no service reads. */
    public static List<String> unread(Map<String, String> environment) {
        return environment.keySet().stream().filter(name -> !JVM_VARIABLES.contains(name)
                && !SCALAR_NAMES.contains(name) && MAP_PREFIXES.stream().noneMatch(name::startsWith)
                && !readByProjectSettings(environment, name)).sorted().toList();
    }

    /** The projection's settings as it binds them from this environment. */
    static ProjectionProperties projectionSettings(Map<String, String> environment) {
        return (ProjectionProperties) bind(environment, "sla-projection", ProjectionProperties.class);
    }

    private static boolean readByProjectSettings(Map<String, String> environment, String name) {
        Map<String, String> changed = new HashMap<>(environment);
        changed.put(name, changedValue(environment.get(name)));
        for (Map.Entry<String, Class<?>> settings : PROJECT_SETTINGS.entrySet()) {
            try {
                Object as = bind(environment, settings.getKey(), settings.getValue());
                Object changedSettings = bind(changed, settings.getKey(), settings.getValue());
                if (!Objects.equals(as, changedSettings)) {
                    return true;
                }
            } catch (BindException refused) {
                return true;
            }
        }
        return false;
    }

    private static String changedValue(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> "false";
            case "false" -> "true";
            default -> value.matches("\\d+") ? value + "1" : value + "-changed";
        };
    }

    private static Object bind(Map<String, String> environment, String prefix, Class<?> type) {
        StandardEnvironment spring = new StandardEnvironment();
        spring.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.copyOf(environment)));
        spring.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        return Binder.get(spring).bindOrCreate(prefix, Bindable.of(type));
    }

    private static String canonical(String property) {
        return property.replace(".", "_").replace("-", "").toUpperCase(Locale.ROOT);
    }

    private static String legacy(String property) {
        return property.replace(".", "_").replace("-", "_").toUpperCase(Locale.ROOT);
    }
}
