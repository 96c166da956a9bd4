package dev.incidentsla.projection.alert;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaClock;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.incident.FirstResponseAtRisk;
import dev.incidentsla.api.incident.FirstResponseBreached;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.projection.settings.ProjectionProperties;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonCloudEventData;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.ZoneOffset;

/**
 * Alerts as CloudEvents 1.0, exactly as API.md shows them, built from the deadline events the incident recorded:
 * everything an alert says comes from its event.
 */
@Component
public class AlertCloudEvents {

    private static final String DATA_CONTENT_TYPE = "application/json";

    /** RFC 3339 writes four-digit years only. */
    private static final Instant EARLIEST_WRITABLE = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST_WRITABLE = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private final URI source;
    private final String breachesTopic;
    private final String warningsTopic;

    public AlertCloudEvents(ProjectionProperties properties) {
        this.source = URI.create(properties.source());
        this.breachesTopic = properties.breachesTopic();
        this.warningsTopic = properties.warningsTopic();
    }

    /**
     * The same incident and deadline always give the same id: a repeated publication is the same alert. The deadline
     * is written to the microsecond, as alerts published before deadlines were facts wrote it (they read it back
     * from PostgreSQL), so that history brought forward carries the ids already published.
     */
    public static String alertId(AlertKind kind, String incidentId, Instant dueAt) {
        return kind.idPrefix() + incidentId + ":" + dueAt.truncatedTo(ChronoUnit.MICROS);
    }

    public Alert breach(FirstResponseBreached event) {
        return alert(AlertKind.BREACH, breachesTopic, new Facts(event.incidentId(), event.contractId(), event.severity(),
                event.product(), event.program(), event.rule(), event.target(), event.clock(), event.submittedAt(), null,
                event.dueAt(), event.detectedAt()));
    }

    public Alert warning(FirstResponseAtRisk event) {
        return alert(AlertKind.WARNING, warningsTopic, new Facts(event.incidentId(), event.contractId(), event.severity(),
                event.product(), event.program(), event.rule(), event.target(), event.clock(), event.submittedAt(),
                event.atRiskAt(), event.dueAt(), event.detectedAt()));
    }

    /** What both deadline events say; {@code atRiskAt} only for a warning. */
    private record Facts(IncidentId incidentId, ContractId contractId, Severity severity, String product, String program,
                         String rule, Duration target, SlaClock clock, Instant submittedAt, Instant atRiskAt, Instant dueAt,
                         Instant detectedAt) {
    }

    private Alert alert(AlertKind kind, String topic, Facts facts) {
        if (facts.incidentId() == null) {
            throw new UnpublishableAlertException("the deadline event names no incident");
        }
        String incidentId = facts.incidentId().value();
        Instant dueAt = writable("dueAt", facts.dueAt(), incidentId);
        Instant detectedAt = writable("detectedAt", facts.detectedAt(), incidentId);
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("incidentId", incidentId);
        data.put("contractId", facts.contractId() == null ? null : facts.contractId().value());
        data.put("severity", facts.severity() == null ? null : facts.severity().code());
        data.put("product", facts.product());
        data.put("program", facts.program());
        data.put("rule", facts.rule());
        data.put("target", facts.target() == null ? null : facts.target().toString());
        data.put("clock", facts.clock() == null ? null : facts.clock().name());
        data.put("submittedAt", writable("submittedAt", facts.submittedAt(), incidentId).toString());
        data.put("dueAt", dueAt.toString());
        if (kind == AlertKind.WARNING) {
            data.put("atRiskAt", writable("atRiskAt", facts.atRiskAt(), incidentId).toString());
        }
        data.put("detectedAt", detectedAt.toString());
        CloudEvent event = CloudEventBuilder.v1()
                .withId(alertId(kind, incidentId, dueAt))
                .withSource(source)
                .withType(kind.cloudEventType())
                .withSubject(incidentId)
                .withTime(detectedAt.atOffset(ZoneOffset.UTC))
                .withDataContentType(DATA_CONTENT_TYPE)
                .withData(JsonCloudEventData.wrap(data))
                .build();
        return new Alert(kind, topic, incidentId, event, kind == AlertKind.WARNING ? facts.atRiskAt() : dueAt);
    }

    private static Instant writable(String field, Instant instant, String incidentId) {
        if (instant == null) {
            throw new UnpublishableAlertException("the deadline event of " + incidentId + " has no " + field);
        }
        if (instant.isBefore(EARLIEST_WRITABLE) || instant.isAfter(LATEST_WRITABLE)) {
            throw new UnpublishableAlertException("the " + field + " of " + incidentId + ", " + instant
                    + ", cannot be written as RFC 3339 (years 0001 to 9999)");
        }
        return instant;
    }
}
