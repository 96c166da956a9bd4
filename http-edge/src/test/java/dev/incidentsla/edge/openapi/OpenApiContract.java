package dev.incidentsla.edge.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules both services' OpenAPI documents are checked against in CI (each service's {@code OpenApiContractTest}):
 * every mapped endpoint documented and nothing else, every error response a problem with an example, no {@code *}/{@code *}
 * content, request bodies' required fields, enums. Every failure message names the operation or schema at fault.
 */
public final class OpenApiContract {

    public static final String PROBLEM = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<String> COMMANDS = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private OpenApiContract() {
    }

    /** The served document, also written (indented) to {@code output} for reviewers. */
    public static JsonNode fetch(WebTestClient client, Path output) {
        byte[] body = client.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("application/json")
                .expectBody().returnResult().getResponseBody();
        try {
            JsonNode document = JSON.readTree(body);
            Files.createDirectories(output.getParent());
            JSON.writeValue(output.toFile(), document);
            return document;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every {@code METHOD /path} the application's own controllers map (packages {@code dev.incidentsla}), from the
     * handler mappings of the running context: what the document must describe, no more, no less.
     */
    public static Set<String> mappedOperations(ApplicationContext context) {
        Set<String> operations = new TreeSet<>();
        context.getBeansOfType(RequestMappingHandlerMapping.class).values().forEach(mapping ->
                mapping.getHandlerMethods().forEach((info, method) -> {
                    if (!method.getBeanType().getPackageName().startsWith("dev.incidentsla")) {
                        return;
                    }
                    Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                    assertThat(methods).as("%s maps every HTTP method: declare the methods it takes", method).isNotEmpty();
                    for (PathPattern pattern : patterns(info)) {
                        methods.forEach(verb -> operations.add(verb.name() + " " + pattern.getPatternString()));
                    }
                }));
        return operations;
    }

    private static Set<PathPattern> patterns(RequestMappingInfo info) {
        return info.getPatternsCondition().getPatterns();
    }

    /** Every {@code METHOD /path} the document describes. */
    public static Set<String> documentedOperations(JsonNode document) {
        Set<String> operations = new TreeSet<>();
        forEachOperation(document, (key, operation) -> operations.add(key));
        return operations;
    }

    /** Calls back with {@code "METHOD /path"} and the operation, for every operation of the document. */
    public static void forEachOperation(JsonNode document, BiConsumer<String, JsonNode> action) {
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(entry -> {
            if (HTTP_METHODS.contains(entry.getKey())) {
                action.accept(entry.getKey().toUpperCase() + " " + path.getKey(), entry.getValue());
            }
        }));
    }

    /**
     * The error responses of every operation under {@code /api}: 400, 401, 403, 406 and 500 everywhere, 404 where
     * the path names a resource, 409 and 422 on commands, 413 and 415 where there is a body; each (and any other 4xx or
     * 5xx the operation declares) {@code application/problem+json} of the Problem schema, with an example; 401 with its
     * {@code WWW-Authenticate}. Also the bearer requirement, and a description naming the required role.
     */
    public static void assertErrorResponses(JsonNode document) {
        forEachOperation(document, (key, operation) -> {
            String method = key.substring(0, key.indexOf(' '));
            String path = key.substring(key.indexOf(' ') + 1);
            if (!path.startsWith("/api/")) {
                return;
            }
            Set<String> expected = new TreeSet<>(List.of("400", "401", "403", "406", "500"));
            if (path.contains("{")) {
                expected.add("404");
            }
            if (COMMANDS.contains(method)) {
                expected.addAll(List.of("409", "422"));
            }
            if (operation.has("requestBody")) {
                expected.addAll(List.of("413", "415"));
            }
            JsonNode responses = operation.path("responses");
            assertThat(names(responses)).as("%s: documented statuses", key).containsAll(expected);
            assertThat(names(responses).stream().filter(code -> code.startsWith("2")).toList())
                    .as("%s: a success response", key).isNotEmpty();
            responses.properties().forEach(response -> {
                String code = response.getKey();
                JsonNode content = response.getValue().path("content");
                if (code.startsWith("4") || code.startsWith("5")) {
                    assertThat(names(content)).as("%s %s: error content", key, code).containsExactly(PROBLEM);
                    JsonNode problem = content.path(PROBLEM);
                    assertThat(problem.path("schema").path("$ref").asText()).as("%s %s: schema", key, code)
                            .isEqualTo("#/components/schemas/Problem");
                    JsonNode example = problem.has("example") ? problem.path("example")
                            : problem.path("examples").elements().hasNext()
                            ? problem.path("examples").elements().next().path("value") : null;
                    assertThat(example).as("%s %s: an example problem", key, code).isNotNull();
                    assertThat(example.path("status").asInt()).as("%s %s: the example's status", key, code)
                            .isEqualTo(Integer.parseInt(code));
                    assertThat(example.path("title").asText()).as("%s %s: the example's title", key, code).isNotBlank();
                    assertThat(example.path("detail").asText()).as("%s %s: the example's detail", key, code).isNotBlank();
                } else if (!code.equals("204") && !code.startsWith("3")) {
                    assertThat(names(content)).as("%s %s: success content", key, code).isNotEmpty();
                }
                assertThat(response.getValue().path("description").asText()).as("%s %s: description", key, code)
                        .isNotBlank();
            });
            assertThat(responses.path("401").path("headers").has("WWW-Authenticate")).as("%s 401: WWW-Authenticate", key)
                    .isTrue();
            assertThat(operation.path("security").toString()).as("%s: bearer requirement", key).contains("bearer-jwt");
            assertThat(operation.path("description").asText()).as("%s: the role it needs, in its description", key)
                    .containsPattern("Role: ");
            assertThat(operation.path("summary").asText()).as("%s: summary", key).isNotBlank();
        });
        JsonNode scheme = document.path("components").path("securitySchemes").path("bearer-jwt");
        assertThat(scheme.path("type").asText()).isEqualTo("http");
        assertThat(scheme.path("scheme").asText()).isEqualTo("bearer");
        assertThat(scheme.path("bearerFormat").asText()).isEqualTo("JWT");
        assertRequired(document, "Problem", "type", "title", "status", "detail");
        assertThat(names(schema(document, "Problem").path("properties")))
                .containsExactly("type", "title", "status", "detail", "instance");
        assertThat(document.path("info").path("description").asText()).as("the refusals before routing, documented once")
                .contains("`405`", "`414`", "`431`");
    }

    /** No request or response content is {@code *}/{@code *}: every operation says what it consumes and produces. */
    public static void assertNoWildcardContent(JsonNode document) {
        List<String> wildcards = new ArrayList<>();
        forEachOperation(document, (key, operation) -> {
            if (names(operation.path("requestBody").path("content")).contains("*/*")) {
                wildcards.add(key + " request body");
            }
            operation.path("responses").properties().forEach(response -> {
                if (names(response.getValue().path("content")).contains("*/*")) {
                    wildcards.add(key + " " + response.getKey());
                }
            });
        });
        assertThat(wildcards).as("content documented as */*").isEmpty();
    }

    /**
     * The request bodies' schemas, and every schema they reach, declare exactly the required fields expected;
     * {@code expected} must name each of them, so that a new request body fails here until its required fields are
     * decided.
     */
    public static void assertRequestBodies(JsonNode document, Map<String, Set<String>> expected) {
        Set<String> reached = new TreeSet<>();
        Deque<JsonNode> toVisit = new ArrayDeque<>();
        forEachOperation(document, (key, operation) -> {
            JsonNode content = operation.path("requestBody").path("content");
            if (operation.has("requestBody")) {
                assertThat(names(content)).as("%s: request content", key).isNotEmpty();
                assertThat(operation.path("requestBody").path("required").asBoolean()).as("%s: body required", key).isTrue();
            }
            content.elements().forEachRemaining(media -> toVisit.add(media.path("schema")));
        });
        while (!toVisit.isEmpty()) {
            JsonNode node = toVisit.pop();
            if (node.has("$ref")) {
                String name = node.path("$ref").asText().substring("#/components/schemas/".length());
                if (reached.add(name)) {
                    toVisit.add(schema(document, name));
                }
                continue;
            }
            node.path("properties").elements().forEachRemaining(toVisit::add);
            for (String nested : List.of("items", "additionalProperties")) {
                if (node.path(nested).isObject()) {
                    toVisit.add(node.path(nested));
                }
            }
        }
        assertThat(reached).as("schemas of request bodies (and what they reach)").isEqualTo(new TreeSet<>(expected.keySet()));
        Map<String, Set<String>> actual = new TreeMap<>();
        reached.forEach(name -> actual.put(name, new TreeSet<>(names(schema(document, name).path("required")))));
        Map<String, Set<String>> wanted = new TreeMap<>();
        expected.forEach((name, fields) -> wanted.put(name, new TreeSet<>(fields)));
        assertThat(actual).as("required fields of the request schemas").isEqualTo(wanted);
    }

    public static void assertRequired(JsonNode document, String schema, String... fields) {
        assertThat(names(schema(document, schema).path("required"))).as("%s: required", schema).contains(fields);
    }

    /** The property's enum, in the order given. */
    public static void assertEnum(JsonNode document, String schema, String property, List<String> values) {
        JsonNode node = schema(document, schema).path("properties").path(property);
        assertThat(node.isMissingNode()).as("%s.%s exists", schema, property).isFalse();
        assertThat(names(node.has("items") ? node.path("items").path("enum") : node.path("enum")))
                .as("%s.%s: enum", schema, property).containsExactlyElementsOf(values);
    }

    /** Every string property of every schema with one of these names is an enum (severity, channel, program...). */
    public static void assertEveryPropertyIsEnum(JsonNode document, String... properties) {
        List<String> plain = new ArrayList<>();
        Set<String> named = Set.of(properties);
        document.path("components").path("schemas").properties().forEach(schema ->
                schema.getValue().path("properties").properties().forEach(property -> {
                    JsonNode value = property.getValue();
                    boolean string = value.path("type").asText().equals("string")
                            || value.path("type").toString().contains("\"string\"");
                    if (named.contains(property.getKey()) && string && !value.has("enum")) {
                        plain.add(schema.getKey() + "." + property.getKey());
                    }
                }));
        assertThat(plain).as("properties that should be enums").isEmpty();
    }

    /** The query parameter's schema is an enum of these values. */
    public static void assertParameterEnum(JsonNode document, String operationKey, String parameter, List<String> values) {
        JsonNode[] found = {null};
        forEachOperation(document, (key, operation) -> {
            if (key.equals(operationKey)) {
                operation.path("parameters").elements().forEachRemaining(p -> {
                    if (p.path("name").asText().equals(parameter)) {
                        found[0] = p;
                    }
                });
            }
        });
        assertThat(found[0]).as("%s: parameter %s", operationKey, parameter).isNotNull();
        assertThat(names(found[0].path("schema").path("enum"))).as("%s: %s enum", operationKey, parameter)
                .containsExactlyElementsOf(values);
    }

    /** The Swagger UI: its page redirects to the UI, which is served, and reads this service's document. */
    public static void assertSwaggerUi(WebTestClient client) {
        URI location = client.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection()
                .returnResult(Void.class).getResponseHeaders().getLocation();
        assertThat(location).isNotNull();
        String page = client.get().uri(location.toString()).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).containsIgnoringCase("swagger");
        String config = client.get().uri("/v3/api-docs/swagger-config").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(config).contains("/v3/api-docs");
    }

    public static JsonNode schema(JsonNode document, String name) {
        JsonNode schema = document.path("components").path("schemas").path(name);
        assertThat(schema.isMissingNode()).as("schema %s", name).isFalse();
        return schema;
    }

    /** A node's field names, or an array's text values, in order. */
    public static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node.isArray()) {
            node.elements().forEachRemaining(element -> names.add(element.asText()));
        } else {
            Iterator<String> fields = node.fieldNames();
            fields.forEachRemaining(names::add);
        }
        return names;
    }

    /** A set in the order given. */
    public static Set<String> set(String... values) {
        return new LinkedHashSet<>(List.of(values));
    }
}
