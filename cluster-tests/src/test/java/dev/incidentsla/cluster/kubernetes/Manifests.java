package dev.incidentsla.cluster.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The objects one kustomization renders, read strictly as their kinds. */
final class Manifests {

    /** The repository's {@code deploy/kubernetes}, from wherever the build runs this module's tests. */
    static final Path KUBERNETES = repositoryRoot().resolve("deploy").resolve("kubernetes");

    private final Path directory;
    private final Kustomize.Rendering rendering;

    private Manifests(Path directory, Kustomize.Rendering rendering) {
        this.directory = directory;
        this.rendering = rendering;
    }

    static Manifests render(String kustomization) {
        Path directory = KUBERNETES.resolve(kustomization);
        return new Manifests(directory, Kustomize.render(directory));
    }

    Path directory() {
        return directory;
    }

    Kustomize.Rendering rendering() {
        return rendering;
    }

    List<ObjectNode> objects() {
        return rendering.objects();
    }

    <T> List<T> all(Class<T> type) {
        return rendering.objects().stream().filter(object -> StrictKubernetesModel.modelOf(object) == type)
                .map(object -> StrictKubernetesModel.read(object, type)).toList();
    }

    Deployment deployment(String name) {
        return all(Deployment.class).stream().filter(deployment -> deployment.getMetadata().getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no Deployment " + name + " in " + directory));
    }

    ConfigMap configMap(String name) {
        return all(ConfigMap.class).stream().filter(map -> map.getMetadata().getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no ConfigMap " + name + " in " + directory));
    }

    static Container onlyContainer(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        if (containers.size() != 1) {
            throw new AssertionError(deployment.getMetadata().getName() + " has " + containers.size() + " containers");
        }
        return containers.get(0);
    }

    /**
     * The container's environment as the kubelet gives it: its ConfigMaps' entries ({@code envFrom}), then its own
     * entries over them. ConfigMaps come from these manifests, or from {@code operatorConfigMaps} for those the
     * operator creates; Secrets only from {@code secrets} (name, then key): none is kept in the repository.
     */
    Map<String, String> environment(Deployment deployment, Map<String, Map<String, String>> secrets,
                                    Map<String, Map<String, String>> operatorConfigMaps) {
        Container container = onlyContainer(deployment);
        Map<String, String> environment = new LinkedHashMap<>();
        for (EnvFromSource source : Objects.requireNonNullElse(container.getEnvFrom(), List.<EnvFromSource>of())) {
            if (source.getConfigMapRef() != null) {
                environment.putAll(configMapData(source.getConfigMapRef().getName(), operatorConfigMaps));
            } else if (source.getSecretRef() != null) {
                environment.putAll(required(secrets, source.getSecretRef().getName(), "Secret"));
            } else {
                throw new AssertionError("an envFrom this test does not know: " + source);
            }
            if (source.getPrefix() != null) {
                throw new AssertionError("envFrom prefixes are not read here: " + source);
            }
        }
        for (EnvVar variable : Objects.requireNonNullElse(container.getEnv(), List.<EnvVar>of())) {
            environment.put(variable.getName(), value(variable, secrets, operatorConfigMaps));
        }
        return environment;
    }

    private String value(EnvVar variable, Map<String, Map<String, String>> secrets,
                         Map<String, Map<String, String>> operatorConfigMaps) {
        EnvVarSource source = variable.getValueFrom();
        if (source == null) {
            return Objects.requireNonNullElse(variable.getValue(), "");
        }
        if (source.getSecretKeyRef() != null) {
            return key(required(secrets, source.getSecretKeyRef().getName(), "Secret"), source.getSecretKeyRef().getKey(),
                    variable.getName());
        }
        if (source.getConfigMapKeyRef() != null) {
            return key(configMapData(source.getConfigMapKeyRef().getName(), operatorConfigMaps),
                    source.getConfigMapKeyRef().getKey(), variable.getName());
        }
        throw new AssertionError("a valueFrom this test does not know: " + variable);
    }

    Map<String, String> configMapData(String name, Map<String, Map<String, String>> operatorConfigMaps) {
        boolean inManifests = all(ConfigMap.class).stream().anyMatch(map -> map.getMetadata().getName().equals(name));
        return inManifests ? Objects.requireNonNullElse(configMap(name).getData(), Map.of())
                : required(operatorConfigMaps, name, "ConfigMap (created by the operator)");
    }

    private static Map<String, String> required(Map<String, Map<String, String>> supplied, String name, String what) {
        Map<String, String> data = supplied.get(name);
        if (data == null) {
            throw new AssertionError(what + " " + name + " is referenced but not supplied");
        }
        return data;
    }

    private static String key(Map<String, String> data, String key, String variable) {
        String value = data.get(key);
        if (value == null) {
            throw new AssertionError(variable + " names key " + key + ", which is not supplied");
        }
        return value;
    }

    private static Path repositoryRoot() {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            if (Files.isDirectory(directory.resolve("deploy").resolve("kubernetes")) && Files.isRegularFile(directory.resolve("mvnw"))) {
                return directory;
            }
        }
        throw new IllegalStateException("no repository with deploy/kubernetes above " + Path.of("").toAbsolutePath());
    }
}
