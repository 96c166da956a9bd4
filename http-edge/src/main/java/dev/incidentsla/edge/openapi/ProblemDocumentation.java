package dev.incidentsla.edge.openapi;

import dev.incidentsla.edge.problem.ProblemResponses;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The error responses of the HTTP edge as OpenAPI: which operation may answer which status, each as
 * {@code application/problem+json} (RFC 9457) with an example. The rule (docs/errors.md): 400 malformed or missing,
 * 401 no or invalid bearer token, 403 a token without the role, 404 unknown or outside the token's contracts, 406 an
 * Accept the operation cannot serve, 409 a state conflict, 413 a body too large, 415 a body not JSON, 422 well-formed
 * but against a rule, 500 a failure of the service. 405, 414 and 431 are answered before any operation is chosen and
 * are described once, in the document's description.
 */
public final class ProblemDocumentation {

    public static final String SECURITY_SCHEME = "bearer-jwt";
    public static final String PROBLEM_SCHEMA = "Problem";
    public static final String PROBLEM_MEDIA_TYPE = ProblemResponses.MEDIA_TYPE;

    private static final Set<PathItem.HttpMethod> COMMANDS = Set.of(PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT,
            PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE);

    /** A status the edge may answer: its title (as the services write it), when it happens, an example detail. */
    private record Refusal(int status, String title, String description, String exampleDetail) {
    }

    private static final Map<Integer, Refusal> REFUSALS = refusals(
            new Refusal(400, "Malformed request", "Malformed or missing input: a body that is not valid JSON or not of "
                    + "the documented shape, a required field or parameter missing, a value of the wrong form, an unknown "
                    + "or repeated query parameter.", "severity is required"),
            new Refusal(401, "Unauthorized", "No bearer token, or one that is expired, malformed or not signed by the "
                    + "configured issuer; answered with `WWW-Authenticate: Bearer`. Only with access control on.",
                    "this request needs a bearer token: Authorization: Bearer <JWT>"),
            new Refusal(403, "Forbidden", "The token's roles do not include the role this operation needs (see the "
                    + "operation's description). Only with access control on.",
                    "this token's roles do not allow GET /api/v1/..."),
            new Refusal(404, "Not found", "Nothing of that id, or it belongs to a contract outside the token's `contracts` "
                    + "claim (answered exactly as if it did not exist).", "no incident 'INC-0001'"),
            new Refusal(406, "Not acceptable", "The request's `Accept` allows none of the media types this operation "
                    + "produces (errors are always `application/problem+json`).",
                    "this resource answers in application/json (errors in application/problem+json); the request's "
                            + "Accept allows none of them"),
            new Refusal(409, "Conflict with the resource's state", "The resource's state forbids this command (e.g. a "
                    + "re-grade of a closed incident), or it kept losing a race with concurrent commands.",
                    "incident 'INC-0001' is closed"),
            new Refusal(413, "Request body too large", "The request body is larger than the service accepts "
                    + "(`spring.http.codecs.max-in-memory-size`, 64 KB by default).",
                    "the request body is larger than this service accepts"),
            new Refusal(415, "Unsupported media type", "The request body is not `application/json` in UTF-8.",
                    "Content-Type text/plain is not accepted here; send application/json"),
            new Refusal(422, "Rule violated", "Well-formed, but against a rule: an unknown product code or program, an "
                    + "unknown scheduled event id, an instant before the incident's history.",
                    "unknown product 'azure-nothing'"),
            new Refusal(500, "Internal error", "The service failed to handle this request; it is logged.",
                    "the service failed to handle this request; it is logged"));

    private ProblemDocumentation() {
    }

    private static Map<Integer, Refusal> refusals(Refusal... all) {
        Map<Integer, Refusal> byStatus = new LinkedHashMap<>();
        for (Refusal refusal : all) {
            byStatus.put(refusal.status(), refusal);
        }
        return Map.copyOf(byStatus);
    }

    /** The statuses every operation under {@code /api} documents, whatever it is. */
    public static final List<Integer> EVERY_OPERATION = List.of(400, 401, 403, 406, 500);

    /** The document's description: the error format, access, and the refusals that precede routing. */
    static String globalDescription(String service) {
        return """
                The HTTP API of %s (API.md is its fixed public contract). JSON everywhere, instants as UTC ISO-8601 \
                strings, durations as ISO-8601 durations.

                **Errors** are RFC 9457 `application/problem+json` documents (schema `Problem`: `type`, `title`, \
                `status`, `detail`, `instance`) whatever the request's `Accept` says. Each operation lists the statuses \
                it may answer. Some refusals come before any operation is chosen, on every path, and are listed here only:
                `405` a method the path does not take (with `Allow`), `414` a request target that is too long, \
                `431` request headers that are too large, `400` a request target that no path of the API can hold \
                (an encoded `/`, `\\`, `%%` or `;`, a control character, a `.` or `..` segment).

                **Access**: with access control on (the production profile) every operation under `/api` needs \
                `Authorization: Bearer <JWT>` (`bearer-jwt`) and the role its description names; `/actuator/health`, \
                `/v3/api-docs` and the Swagger UI are public. The local run has access control off and listens on \
                loopback only.""".formatted(service);
    }

    static Schema<Object> problemSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", string("A URI reference naming the problem type; `about:blank` for every problem of "
                + "this API (its title is the status's).", "uri-reference").example("about:blank"));
        properties.put("title", string("A short summary of the problem type.", null).example("Malformed request"));
        properties.put("status", typed("integer", "The HTTP status code.").format("int32").minimum(
                BigDecimal.valueOf(400)).maximum(BigDecimal.valueOf(599)).example(400));
        properties.put("detail", string("What was wrong with this request, for the client: names the field or "
                + "parameter and what was expected.", null).example("severity is required"));
        properties.put("instance", string("The request's path; absent when the path itself was unusable.",
                "uri-reference").example("/api/v1/incidents"));
        Schema<Object> problem = typed("object", "An error as RFC 9457 problem details (`application/problem+json`).");
        problem.setProperties(properties);
        problem.setRequired(List.of("type", "title", "status", "detail"));
        return problem;
    }

    /** Adds the bearer requirement and the error responses to every operation under {@code /api}. */
    static void document(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        // here, not only in the base document: springdoc drops the schemas no operation referred to before this ran
        if (openApi.getComponents().getSchemas() == null || !openApi.getComponents().getSchemas().containsKey(PROBLEM_SCHEMA)) {
            openApi.getComponents().addSchemas(PROBLEM_SCHEMA, problemSchema());
        }
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (path.startsWith("/api/")) {
                document(path, method, operation);
            }
        }));
    }

    private static void document(String path, PathItem.HttpMethod method, Operation operation) {
        if (operation.getSecurity() == null || operation.getSecurity().isEmpty()) {
            operation.addSecurityItem(new SecurityRequirement().addList(SECURITY_SCHEME));
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        Set<Integer> statuses = new TreeSet<>(EVERY_OPERATION);
        if (path.contains("{")) {
            statuses.add(404);
        }
        if (operation.getRequestBody() != null) {
            statuses.add(413);
            statuses.add(415);
        }
        if (COMMANDS.contains(method)) {
            statuses.add(409);
            statuses.add(422);
        }
        for (int status : statuses) {
            responses.computeIfAbsent(String.valueOf(status), code -> new ApiResponse());
        }
        // every error response, the ones the operation declared itself included, as a problem with an example
        Map<String, ApiResponse> sorted = new TreeMap<>(responses);
        responses.clear();
        sorted.forEach((code, response) -> {
            if (code.matches("[45]\\d\\d")) {
                problemResponse(Integer.parseInt(code), path, method, response);
            }
            responses.addApiResponse(code, response);
        });
    }

    private static void problemResponse(int status, String path, PathItem.HttpMethod method, ApiResponse response) {
        Refusal refusal = REFUSALS.get(status);
        if (response.getDescription() == null || response.getDescription().isBlank()) {
            response.setDescription(refusal != null ? refusal.description() : "Refused; see the problem's detail.");
        }
        Content content = response.getContent() == null ? new Content() : response.getContent();
        // an error is a problem whatever the operation produces: drop the success media types springdoc may copy here
        content.keySet().removeIf(mediaType -> !mediaType.equals(PROBLEM_MEDIA_TYPE));
        MediaType problem = content.computeIfAbsent(PROBLEM_MEDIA_TYPE, type -> new MediaType());
        problem.setSchema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA));
        if ((problem.getExamples() == null || problem.getExamples().isEmpty()) && problem.getExample() == null) {
            Map<String, Object> example = new LinkedHashMap<>();
            example.put("type", "about:blank");
            example.put("title", refusal != null ? refusal.title() : "Request refused");
            example.put("status", status);
            // a 404 of a path without an incident id is about a contract (in the path, a query or the body)
            String detail = status == 404 && !path.contains("{incidentId}") ? "no contract 'contoso'"
                    : refusal != null ? refusal.exampleDetail() : "the request was refused";
            example.put("detail", detail);
            example.put("instance", path);
            problem.addExamples("problem", new Example().summary(refusal != null ? refusal.title() : "Refused")
                    .value(example));
        }
        response.setContent(content);
        if (status == 401 && (response.getHeaders() == null || !response.getHeaders().containsKey("WWW-Authenticate"))) {
            response.addHeaderObject("WWW-Authenticate", new Header().description("`Bearer`, or `Bearer "
                    + "error=\"invalid_token\"` for a refused token").schema(typed("string", null)));
        }
    }

    private static Schema<Object> string(String description, String format) {
        Schema<Object> schema = typed("string", description);
        if (format != null) {
            schema.setFormat(format);
        }
        return schema;
    }

    /** A schema of one JSON type, written as {@code type} in OpenAPI 3.0 and 3.1 documents alike. */
    @SuppressWarnings("unchecked")
    static Schema<Object> typed(String type, String description) {
        Schema<Object> schema = new Schema<>();
        schema.setType(type);
        schema.setTypes(new LinkedHashSet<>(List.of(type)));
        if (description != null) {
            schema.setDescription(description);
        }
        return schema;
    }
}
