package dev.incidentsla.service.deadline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.ArrayList;
import java.util.List;

/** An incident's history as {@code GET /api/v1/incidents/{id}/events} answers it, for the deadline tests. */
final class IncidentHistory {

    private static final ObjectMapper JSON = new ObjectMapper();

    private IncidentHistory() {
    }

    static List<JsonNode> events(WebTestClient client, String incidentId) {
        String body = client.get().uri("/api/v1/incidents/{id}/events", incidentId).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        List<JsonNode> events = new ArrayList<>();
        json(body).forEach(events::add);
        return events;
    }

    static List<JsonNode> eventsOfType(WebTestClient client, String incidentId, String type) {
        return events(client, incidentId).stream().filter(event -> event.get("type").asText().equals(type)).toList();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
