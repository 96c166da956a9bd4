package dev.incidentsla.cluster.kubernetes;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What {@code kubectl apply -k} would send, for the Kustomize features these manifests use and no others: resources
 * (files and directories), components, strategic-merge patches naming their target by apiVersion, kind and name, and a
 * namespace. A kustomization using anything else fails to read ({@link Kustomization} knows no other field), so a
 * feature is added here before the manifests use it. {@code KubernetesManifestsTest} compares the result with
 * {@code kubectl kustomize} where kubectl is installed.
 */
final class Kustomize {

    /** A kustomization file as far as these manifests use it. */
    record Kustomization(String apiVersion, String kind, String namespace, List<String> resources,
                         List<String> components, List<PatchFile> patches) {
    }

    record PatchFile(String path) {
    }

    /** The objects a kustomization renders, and every directory and file that took part. */
    record Rendering(List<ObjectNode> objects, Set<Path> directories, Set<Path> files) {
    }

    private static final String FILE = "kustomization.yaml";

    private Kustomize() {
    }

    static Rendering render(Path directory) {
        Rendering rendering = new Rendering(new ArrayList<>(), new LinkedHashSet<>(), new LinkedHashSet<>());
        render(directory.toAbsolutePath().normalize(), "Kustomization", rendering);
        return rendering;
    }

    static boolean isKustomizationDirectory(Path directory) {
        return Files.isRegularFile(directory.resolve(FILE));
    }

    private static void render(Path directory, String expectedKind, Rendering rendering) {
        Kustomization kustomization = read(directory);
        if (!expectedKind.equals(kustomization.kind())) {
            throw new IllegalArgumentException(directory.resolve(FILE) + ": kind " + kustomization.kind() + ", expected " + expectedKind);
        }
        rendering.directories().add(directory);
        rendering.files().add(directory.resolve(FILE));
        Set<Path> referenced = new LinkedHashSet<>();
        for (String resource : orEmpty(kustomization.resources())) {
            Path path = directory.resolve(resource).normalize();
            referenced.add(path);
            if (Files.isDirectory(path)) {
                render(path, "Kustomization", rendering);
            } else {
                rendering.files().add(path);
                rendering.objects().addAll(StrictKubernetesModel.documents(path));
            }
        }
        for (String component : orEmpty(kustomization.components())) {
            Path path = directory.resolve(component).normalize();
            referenced.add(path);
            render(path, "Component", rendering);
        }
        for (PatchFile patch : orEmpty(kustomization.patches())) {
            Path path = directory.resolve(patch.path()).normalize();
            referenced.add(path);
            rendering.files().add(path);
            for (ObjectNode document : StrictKubernetesModel.documents(path)) {
                strategicMerge(target(rendering.objects(), document, path), document);
            }
        }
        if (kustomization.namespace() != null) {
            for (ObjectNode object : rendering.objects()) {
                if (!"Namespace".equals(object.path("kind").asString())) {
                    ((ObjectNode) object.get("metadata")).put("namespace", kustomization.namespace());
                }
            }
        }
        List<Path> unreferenced = yamlFiles(directory).stream()
                .filter(file -> !file.getFileName().toString().equals(FILE) && !referenced.contains(file)).toList();
        if (!unreferenced.isEmpty()) {
            throw new IllegalArgumentException(directory.resolve(FILE) + " names neither resource nor patch " + unreferenced);
        }
    }

    private static Kustomization read(Path directory) {
        List<ObjectNode> documents = StrictKubernetesModel.documents(directory.resolve(FILE));
        if (documents.size() != 1) {
            throw new IllegalArgumentException(directory.resolve(FILE) + ": one document expected");
        }
        return StrictKubernetesModel.read(documents.get(0), Kustomization.class);
    }

    private static ObjectNode target(List<ObjectNode> objects, ObjectNode patch, Path file) {
        List<ObjectNode> matching = objects.stream().filter(object -> sameObject(object, patch)).toList();
        if (matching.size() != 1) {
            throw new IllegalArgumentException(file + ": " + matching.size() + " objects match the patch of "
                    + patch.path("kind").asString() + " " + patch.path("metadata").path("name").asString());
        }
        return matching.get(0);
    }

    private static boolean sameObject(JsonNode a, JsonNode b) {
        return a.path("apiVersion").equals(b.path("apiVersion")) && a.path("kind").equals(b.path("kind"))
                && a.path("metadata").path("name").equals(b.path("metadata").path("name"));
    }

    /**
     * Strategic merge as far as these patches need it: objects merge field by field, lists of named objects (containers,
     * env) merge by name with the patch's items first, as kustomize orders them; any other value is replaced.
     */
    static void strategicMerge(ObjectNode target, ObjectNode patch) {
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            JsonNode current = target.get(field.getKey());
            JsonNode change = field.getValue();
            if (current instanceof ObjectNode currentObject && change instanceof ObjectNode changeObject) {
                strategicMerge(currentObject, changeObject);
            } else if (current instanceof ArrayNode currentList && change instanceof ArrayNode changeList
                    && named(currentList) && named(changeList)) {
                ArrayNode merged = target.arrayNode();
                for (JsonNode item : changeList) {
                    JsonNode original = byName(currentList, item.get("name").asString());
                    if (original instanceof ObjectNode originalObject) {
                        strategicMerge(originalObject, (ObjectNode) item);
                        merged.add(originalObject);
                    } else {
                        merged.add(item);
                    }
                }
                for (JsonNode item : currentList) {
                    if (byName(changeList, item.get("name").asString()) == null) {
                        merged.add(item);
                    }
                }
                target.set(field.getKey(), merged);
            } else {
                target.set(field.getKey(), change);
            }
        }
    }

    private static boolean named(ArrayNode list) {
        for (JsonNode item : list) {
            if (!item.isObject() || !item.path("name").isString()) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode byName(ArrayNode list, String name) {
        for (JsonNode item : list) {
            if (item.get("name").asString().equals(name)) {
                return item;
            }
        }
        return null;
    }

    static List<Path> yamlFiles(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
                    .map(Path::normalize).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
