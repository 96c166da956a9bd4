package dev.incidentsla.projection.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentsla.eventstore.EventStoreConfiguration;
import dev.incidentsla.projection.ProjectionProperties;
import dev.incidentsla.projection.readmodel.SlaRow;
import dev.incidentsla.projection.schedule.AlertKind;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Alerts as structured-mode CloudEvents 1.0 JSON, exactly as API.md shows them. */
@Component
public class CloudEvents {

    public static final String CONTENT_TYPE = "application/cloudevents+json";
    public static final String BREACHED_TYPE = "incident.sla.first-response.breached";
    public static final String AT_RISK_TYPE = "incident.sla.first-response.at-risk";

    private static final ObjectMapper JSON = EventStoreConfiguration.messageObjectMapper();

    private final ProjectionProperties properties;

    public CloudEvents(ProjectionProperties properties) {
        this.properties = properties;
    }

    /** The same incident and deadline always give the same id: a repeated publication is the same alert. */
    public static String alertId(AlertKind kind, String incidentId, Instant dueAt) {
        return (kind == AlertKind.BREACH ? "breach:" : "at-risk:") + incidentId + ":" + dueAt;
    }

    public AlertOutbox.Alert alert(AlertKind kind, SlaRow row, Instant detectedAt) {
        String id = alertId(kind, row.incidentId(), row.dueAt());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("incidentId", row.incidentId());
        data.put("contractId", row.contractId());
        data.put("severity", row.severity().code());
        data.put("product", row.product());
        data.put("program", row.program());
        data.put("rule", row.rule());
        data.put("target", row.target().toString());
        data.put("clock", row.clock().name());
        data.put("submittedAt", row.submittedAt().toString());
        data.put("dueAt", row.dueAt().toString());
        if (kind == AlertKind.WARNING) {
            data.put("atRiskAt", row.atRiskAt().toString());
        }
        data.put("detectedAt", detectedAt.toString());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", id);
        event.put("source", properties.source());
        event.put("type", kind == AlertKind.BREACH ? BREACHED_TYPE : AT_RISK_TYPE);
        event.put("subject", row.incidentId());
        event.put("time", detectedAt.toString());
        event.put("datacontenttype", "application/json");
        event.put("data", data);
        try {
            return new AlertOutbox.Alert(id, kind.name(), kind == AlertKind.BREACH ? properties.breachesTopic() : properties.warningsTopic(),
                    row.incidentId(), JSON.writeValueAsString(event), kind == AlertKind.BREACH ? row.dueAt() : row.atRiskAt(),
                    detectedAt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the alert of " + row.incidentId(), e);
        }
    }
}
