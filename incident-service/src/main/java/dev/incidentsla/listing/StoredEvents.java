package dev.incidentsla.listing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentsla.api.incident.IncidentEvent;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * An incident's events as the list's row keeps them: a JSON array of Axon's serialized form of each payload (its type,
 * revision and JSON), written and read by the same serializer as the event store, so that a row folds to the view the
 * event store's history folds to.
 */
@Component
class StoredEvents {

    private final Serializer serializer;
    private final ObjectMapper json = new ObjectMapper();

    StoredEvents(Serializer serializer) {
        this.serializer = serializer;
    }

    String write(List<IncidentEvent> events) {
        ArrayNode array = json.createArrayNode();
        for (IncidentEvent event : events) {
            SerializedObject<JsonNode> serialized = serializer.serialize(event, JsonNode.class);
            ObjectNode element = array.addObject();
            element.put("type", serialized.getType().getName());
            element.put("revision", serialized.getType().getRevision());
            element.set("payload", serialized.getData());
        }
        return array.toString();
    }

    List<IncidentEvent> read(String stored) {
        JsonNode array;
        try {
            array = json.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an incident list row holds events that are not JSON", e);
        }
        List<IncidentEvent> events = new ArrayList<>(array.size());
        for (JsonNode element : array) {
            JsonNode revision = element.get("revision");
            events.add(serializer.deserialize(new SimpleSerializedObject<>(element.get("payload"), JsonNode.class,
                    element.get("type").asText(), revision == null || revision.isNull() ? null : revision.asText())));
        }
        return events;
    }
}
