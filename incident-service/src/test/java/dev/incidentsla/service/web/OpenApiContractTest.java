package dev.incidentsla.service.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentsla.edge.openapi.OpenApiContract;
import dev.incidentsla.sla.policy.ProgramPolicy;
import dev.incidentsla.sla.policy.SlaPolicy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.incidentsla.edge.openapi.OpenApiContract.assertEnum;
import static dev.incidentsla.edge.openapi.OpenApiContract.assertErrorResponses;
import static dev.incidentsla.edge.openapi.OpenApiContract.assertEveryPropertyIsEnum;
import static dev.incidentsla.edge.openapi.OpenApiContract.assertNoWildcardContent;
import static dev.incidentsla.edge.openapi.OpenApiContract.assertRequestBodies;
import static dev.incidentsla.edge.openapi.OpenApiContract.assertRequired;
import static dev.incidentsla.edge.openapi.OpenApiContract.assertSwaggerUi;
import static dev.incidentsla.edge.openapi.OpenApiContract.documentedOperations;
import static dev.incidentsla.edge.openapi.OpenApiContract.mappedOperations;
import static dev.incidentsla.edge.openapi.OpenApiContract.names;
import static dev.incidentsla.edge.openapi.OpenApiContract.set;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CI check of the incident service's OpenAPI document, as springdoc generates it from the code: every endpoint the
 * application maps is documented (and nothing else), with its error responses as problems, real status codes, no
 * wildcard content, required fields and enums. The document is written to {@code target/openapi/incident-service.json}.
 */
class OpenApiContractTest extends ApiTestSupport {

    /** The programs API.md names; the document takes them from the policy in force, which holds at least these. */
    private static final List<String> API_PROGRAMS = List.of("UNIFIED", "UER", "AZURE_RAPID_RESPONSE", "AZURE_PLATFORM_MCS",
            "AZURE_EVENT_MCS", "SECURITY_CLOUD_MCS");

    @Autowired
    ApplicationContext context;

    @Autowired
    SlaPolicy policy;

    JsonNode document;

    @BeforeEach
    void fetch() {
        document = OpenApiContract.fetch(client, Path.of("target", "openapi", "incident-service.json"));
    }

    @Test
    void every_mapped_endpoint_is_documented_and_nothing_else() {
        Set<String> mapped = mappedOperations(context);
        assertThat(mapped).contains("POST /api/v1/incidents", "GET /api/v1/incidents/{incidentId}/sla",
                "PUT /api/v1/contracts/{contractId}", "GET /api/v1/audit/events", "GET /api/v1/products");
        assertThat(documentedOperations(document)).isEqualTo(mapped);
    }

    @Test
    void every_operation_documents_its_error_responses_as_problems_and_its_role() {
        assertErrorResponses(document);
        JsonNode sla = document.path("paths").path("/api/v1/incidents/{incidentId}/sla").path("get").path("responses");
        assertThat(names(sla)).as("an instant before the incident's history").contains("422");
    }

    @Test
    void no_content_is_a_wildcard_and_the_audit_stream_is_ndjson() {
        assertNoWildcardContent(document);
        JsonNode audit = document.path("paths").path("/api/v1/audit/events").path("get").path("responses").path("200");
        assertThat(names(audit.path("content"))).containsExactly("application/x-ndjson");
        assertThat(audit.path("content").path("application/x-ndjson").path("schema").toString()).contains("AuditEntry");
    }

    @Test
    void opening_an_incident_answers_201_with_its_location() {
        JsonNode open = document.path("paths").path("/api/v1/incidents").path("post").path("responses");
        assertThat(names(open)).contains("201").doesNotContain("default");
        assertThat(names(open)).as("an unknown contract, or one outside the token's").contains("404");
        JsonNode created = open.path("201");
        assertThat(created.path("headers").path("Location").path("required").asBoolean()).isTrue();
        assertThat(names(created.path("content"))).containsExactly("application/json");
        assertThat(created.path("content").path("application/json").path("schema").path("$ref").asText())
                .isEqualTo("#/components/schemas/IncidentView");
        assertThat(open.path("200").path("headers").has("Location")).as("an idempotent retry").isTrue();
    }

    @Test
    void request_bodies_declare_their_required_fields() {
        Map<String, Set<String>> bodies = new HashMap<>(Map.of(
                "OpenIncidentRequest", set("contractId", "severity", "product", "channel"),
                "RegradeRequest", set("severity"),
                "FirstResponseRequest", set(),
                "CloseRequest", set(),
                "ContractRequest", set("customerName"),
                "SupportLocation", set("timeZone", "country"),
                "BusinessHours", set(),
                "TimeWindow", set("opens", "closes"),
                "ProgramEntitlement", set("program"),
                "ScheduledEvent", set("eventId", "start", "end")));
        bodies.putAll(Map.of("CritSitAssignedRequest", set(), "InstantRequest", set(), "CustomerRequest", set("kind")));
        assertRequestBodies(document, bodies);
        assertRequired(document, "IncidentView", "incidentId", "contractId", "severity", "status", "firstResponse");
        assertRequired(document, "ContractView", "contractId", "version", "supportLocation");
        assertRequired(document, "ProductView", "code", "name", "family");
    }

    @Test
    void closed_value_sets_are_enums() {
        List<String> programs = policy.programs().stream().map(ProgramPolicy::program).toList();
        assertThat(programs).containsAll(API_PROGRAMS);
        assertEveryPropertyIsEnum(document, "severity", "channel", "program", "status", "clock", "family");
        assertEnum(document, "OpenIncidentRequest", "severity", List.of("1", "A", "B", "C"));
        assertEnum(document, "OpenIncidentRequest", "channel", List.of("PHONE", "WEB", "CLOUD_PORTAL"));
        assertEnum(document, "ProgramEntitlement", "program", programs);
        assertEnum(document, "FirstResponse", "program", programs);
        assertEnum(document, "IncidentView", "status", List.of("OPEN", "CLOSED"));
        assertEnum(document, "FirstResponse", "status", List.of("PENDING", "MET", "BREACHED", "CANCELLED"));
        assertEnum(document, "FirstResponse", "clock", List.of("ROUND_THE_CLOCK", "BUSINESS_HOURS"));
        assertEnum(document, "ProductView", "family", List.of("AZURE", "SECURITY", "OTHER"));
        assertEnum(document, "Timer", "timer", List.of("FIRST_RESPONSE", "CRIT_SIT_ASSIGNMENT", "ROOT_CAUSE_ANALYSIS",
                "CUSTOMER_CHANGE_CONTROL", "CUSTOMER_RESPONSIVENESS"));
        assertEnum(document, "Timer", "party", List.of("MICROSOFT", "CUSTOMER"));
        assertEnum(document, "Timer", "status", List.of("PENDING", "MET", "BREACHED", "CANCELLED"));
        assertEnum(document, "CustomerRequest", "kind", List.of("CHANGE_CONTROL", "RESPONSIVENESS"));
    }

    @Test
    void contracts_and_incidents_document_their_support_locations() {
        JsonNode schemas = document.path("components").path("schemas");
        JsonNode locations = schemas.path("ContractRequest").path("properties").path("supportLocations");
        assertThat(locations.path("type").asText()).isEqualTo("array");
        assertThat(locations.path("items").path("$ref").asText()).isEqualTo("#/components/schemas/SupportLocation");
        assertThat(locations.path("description").asText()).contains("id");
        assertThat(schemas.path("SupportLocation").path("properties").path("id").path("type").asText()).isEqualTo("string");
        assertThat(schemas.path("OpenIncidentRequest").path("properties").path("supportLocation").path("type").asText())
                .isEqualTo("string");
        assertRequired(document, "IncidentView", "supportLocation");
        assertRequired(document, "ContractView", "supportLocation", "supportLocations");
    }

    @Test
    void the_swagger_ui_is_served() {
        assertSwaggerUi(client);
    }
}
