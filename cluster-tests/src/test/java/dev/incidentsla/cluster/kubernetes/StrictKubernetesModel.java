package dev.incidentsla.cluster.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.cfg.MutableCoercionConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Kubernetes manifests read as the API server reads them, against fabric8's model classes: a field the object does not
 * have, a duplicate key, a string where a number belongs or a number where a string belongs each fail. fabric8's
 * classes accept any unknown field into an "additional properties" map (so that a client survives newer servers); this
 * mapper gives them no such map, so an unknown field fails as the API server's strict field validation would.
 */
final class StrictKubernetesModel {

    /** The Prometheus Operator's scrape target, as far as this project uses it. */
    record ServiceMonitor(String apiVersion, String kind, ObjectMeta metadata, ServiceMonitorSpec spec) {
    }

    record ServiceMonitorSpec(LabelSelector selector, List<ServiceMonitorEndpoint> endpoints) {
    }

    record ServiceMonitorEndpoint(String port, String path, String interval) {
    }

    /** The kinds these manifests use, by apiVersion and kind; another kind fails until it is added here. */
    private static final Map<String, Class<?>> KINDS = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Service", Service.class,
            "v1/Namespace", Namespace.class,
            "apps/v1/Deployment", Deployment.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class);

    private static final ObjectMapper STRICT = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                    DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .annotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(MapperConfig<?> config, Annotated annotated) {
                    return Boolean.FALSE;
                }
            })
            .withCoercionConfig(LogicalType.Integer, refuseOtherScalars())
            .withCoercionConfig(LogicalType.Float, refuseOtherScalars())
            .withCoercionConfig(LogicalType.Boolean, refuseOtherScalars())
            .withCoercionConfig(LogicalType.Textual, refuseOtherScalars())
            .build();

    private StrictKubernetesModel() {
    }

    private static Consumer<MutableCoercionConfig> refuseOtherScalars() {
        return config -> {
            for (CoercionInputShape shape : List.of(CoercionInputShape.String, CoercionInputShape.Integer,
                    CoercionInputShape.Float, CoercionInputShape.Boolean, CoercionInputShape.EmptyString)) {
                config.setCoercion(shape, CoercionAction.Fail);
            }
        };
    }

    /** Every document of a YAML file, as trees (duplicate keys fail here already). */
    static List<ObjectNode> documents(Path file) {
        List<ObjectNode> documents = new ArrayList<>();
        try (var values = STRICT.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (values.hasNext()) {
                JsonNode document = (JsonNode) values.next();
                if (document == null || document.isNull() || document.isMissingNode()) {
                    continue;
                }
                if (!document.isObject()) {
                    throw new IllegalArgumentException(file + ": a document that is not an object");
                }
                documents.add((ObjectNode) document);
            }
        }
        return documents;
    }

    /** The object's model class, by its apiVersion and kind. */
    static Class<?> modelOf(JsonNode object) {
        String key = object.path("apiVersion").asString("") + "/" + object.path("kind").asString("");
        Class<?> type = KINDS.get(key);
        if (type == null) {
            throw new IllegalArgumentException("no model for " + key + " (known: " + KINDS.keySet() + ")");
        }
        return type;
    }

    /** The object read strictly as its own kind. */
    static Object read(JsonNode object) {
        return read(object, modelOf(object));
    }

    /** The object read strictly as {@code type}. */
    static <T> T read(JsonNode object, Class<T> type) {
        return STRICT.treeToValue(object, type);
    }

    /** A YAML text's single document, read strictly as {@code type}. */
    static <T> T readYaml(String yaml, Class<T> type) {
        return STRICT.readValue(yaml, type);
    }
}
