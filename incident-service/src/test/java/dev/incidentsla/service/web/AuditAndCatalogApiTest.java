package dev.incidentsla.service.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AuditAndCatalogApiTest extends ApiTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private List<JsonNode> audit(String query) {
        String body = client.get().uri("/api/v1/audit/events" + query).accept(MediaType.APPLICATION_NDJSON).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
                .expectBody(String.class).returnResult().getResponseBody();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : body == null ? new String[0] : body.split("\n")) {
            if (!line.isBlank()) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return lines;
    }

    @Test
    void auditors_replay_the_whole_stream_from_sequence_0_in_order_and_continue_after_the_last_one_seen() {
        String contract = jakartaContract("{\"program\": \"UER\"}");
        openIncident("INC-" + suffix, contract, "B", "2026-11-20T10:00:00Z").expectStatus().isCreated();
        post("/api/v1/incidents/{id}/close", "{\"closedAt\": \"2026-11-20T10:30:00Z\"}", "INC-" + suffix).expectStatus().isOk();

        List<JsonNode> everything = audit("?after=0&limit=10000");
        assertThat(everything).extracting(line -> line.get("globalSequence").asLong()).isSorted().doesNotHaveDuplicates();
        List<JsonNode> mine = everything.stream()
                .filter(line -> line.get("aggregateId").asText().endsWith(suffix)).toList();
        assertThat(mine).extracting(line -> line.get("type").asText())
                .containsExactly("ContractRegistered", "IncidentOpened", "IncidentClosed");
        assertThat(mine.get(1).get("aggregateId").asText()).isEqualTo("incident:INC-" + suffix);
        assertThat(mine.get(1).get("payload").get("firstResponse").get("dueAt").asText()).isEqualTo("2026-11-23T03:30:00Z");
        assertThat(mine.get(2).get("payload").get("firstResponseOutcome").asText()).isEqualTo("CANCELLED");
        assertThat(mine.get(1).get("metadata").get("correlationId").asText()).isNotBlank();

        long beforeLast = mine.get(1).get("globalSequence").asLong();
        List<JsonNode> rest = audit("?after=" + beforeLast + "&limit=1");
        assertThat(rest).hasSize(1);
        assertThat(rest.get(0).get("globalSequence").asLong()).isGreaterThan(beforeLast);
    }

    @Test
    void a_limit_outside_1_to_10000_is_400() {
        assertProblem(client.get().uri("/api/v1/audit/events?limit=0").exchange(), 400, "limit");
    }

    @Test
    void the_product_catalog_lists_every_code_of_api_md_with_its_family_and_exclusion_tags() {
        String body = client.get().uri("/api/v1/products").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        JsonNode products;
        try {
            products = JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> codes = new ArrayList<>();
        products.forEach(product -> codes.add(product.get("code").asText()));
        assertThat(codes).contains("azure-virtual-machines", "azure-sql-database", "azure-kubernetes-service",
                "azure-storsimple", "github-ae", "azure-communication-services", "billing-subscription-management",
                "azure-media-services", "azure-stack", "azure-maps", "azure-us-government", "azure-china", "test-base-m365",
                "microsoft-mesh", "universal-print", "a40", "microsoft-entra", "microsoft-defender", "microsoft-sentinel",
                "microsoft-intune", "microsoft-purview", "exchange-server", "sql-server", "windows-server", "microsoft-365",
                "dynamics-365");
        JsonNode storsimple = null;
        for (JsonNode product : products) {
            if (product.get("code").asText().equals("azure-storsimple")) {
                storsimple = product;
            }
        }
        assertThat(storsimple.get("family").asText()).isEqualTo("AZURE");
        List<String> tags = new ArrayList<>();
        storsimple.get("exclusionTags").forEach(tag -> tags.add(tag.asText()));
        assertThat(tags).containsExactly("platform-mcs-out-of-scope", "rapid-response-not-covered", "uer-sev1-azure",
                "unified-sev1-azure");
    }

    @Test
    void the_openapi_description_and_swagger_ui_are_served() {
        client.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.paths['/api/v1/incidents']").exists()
                .jsonPath("$.paths['/api/v1/incidents/{incidentId}/sla']").exists()
                .jsonPath("$.paths['/api/v1/contracts/{contractId}']").exists();
        client.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
    }
}
