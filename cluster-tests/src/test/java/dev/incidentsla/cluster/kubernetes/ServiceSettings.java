package dev.incidentsla.cluster.kubernetes;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A service's settings as Spring resolves them inside a container: the container's environment over the service's own
 * settings files (its profile's over its defaults), read from the repository's sources.
 */
final class ServiceSettings {

    /** Each service: its module and its settings files' name ({@code spring.config.name}). */
    enum Service {
        INCIDENT_SERVICE("incident-service", "application"),
        SLA_PROJECTION("sla-projection", "sla-projection");

        final String module;
        final String configName;

        Service(String module, String configName) {
            this.module = module;
            this.configName = configName;
        }

        static Service named(String name) {
            return Arrays.stream(values()).filter(service -> service.module.equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no service " + name));
        }
    }

    private final StandardEnvironment environment = new StandardEnvironment();

    ServiceSettings(Service service, Map<String, String> containerEnvironment) {
        Path resources = Manifests.KUBERNETES.getParent().getParent().resolve(service.module).resolve("src/main/resources");
        // the container's environment stands where the process environment does, and is read the same way
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.copyOf(containerEnvironment)));
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        String profiles = environment.getProperty("spring.profiles.active", "");
        for (String profile : profiles.isBlank() ? List.<String>of() : List.of(profiles.split(","))) {
            addLast(resources.resolve(service.configName + "-" + profile.trim() + ".yaml"));
        }
        addLast(resources.resolve(service.configName + ".yaml"));
    }

    private void addLast(Path file) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load(file.toString(), new FileSystemResource(file))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    StandardEnvironment environment() {
        return environment;
    }

    int serverPort() {
        return environment.getProperty("server.port", Integer.class, 8080);
    }

    /** Where the management endpoints answer: the server's port unless a management port of their own is set. */
    int managementPort() {
        return environment.getProperty("management.server.port", Integer.class, serverPort());
    }

    String actuatorPath(String endpoint) {
        return environment.getProperty("management.endpoints.web.base-path", "/actuator") + "/" + endpoint;
    }

    boolean healthProbesEnabled() {
        return environment.getProperty("management.endpoint.health.probes.enabled", Boolean.class, false);
    }

    /** The health indicators a group includes. */
    List<String> healthGroup(String group) {
        String include = environment.getProperty("management.endpoint.health.group." + group + ".include", "");
        return Arrays.stream(include.split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList();
    }
}
