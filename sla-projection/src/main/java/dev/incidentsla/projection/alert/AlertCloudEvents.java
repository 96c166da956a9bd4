package dev.incidentsla.projection.alert;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentsla.api.Severity;
import dev.incidentsla.api.SlaClock;
import dev.incidentsla.api.SlaTimer;
import dev.incidentsla.api.TimerParty;
import dev.incidentsla.api.contract.ContractId;
import dev.incidentsla.api.incident.FirstResponseAtRisk;
import dev.incidentsla.api.incident.FirstResponseBreached;
import dev.incidentsla.api.incident.IncidentId;
import dev.incidentsla.api.incident.TimerAtRisk;
import dev.incidentsla.api.incident.TimerBreached;
import dev.incidentsla.api.incident.TimerId;
import dev.incidentsla.projection.settings.ProjectionProperties;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonCloudEventData;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Alerts as CloudEvents 1.0, exactly as API.md shows them, built from the deadline events the incident recorded:
 * everything an alert says comes from its event. The other timers' alerts (API.md "Other timers") carry the first
 * response's fields, in the same order, with {@code timer}, {@code timerId}, {@code party} and {@code startedAt} added,
 * and a type per timer.
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

    /**
     * A section-9 timer's alert id: the same timer instance and deadline always give the same id, and two instances of a
     * timer (a customer asked again) never share one.
     */
    public static String timerAlertId(AlertKind kind, String incidentId, String timerId, Instant dueAt) {
        return kind.idPrefix() + incidentId + ":" + timerId + ":" + dueAt.truncatedTo(ChronoUnit.MICROS);
    }

    public Alert breach(TimerBreached event) {
        return timerAlert(AlertKind.BREACH, breachesTopic, new TimerFacts(event.incidentId(), event.timerId(),
                event.timer(), event.party(), event.contractId(), event.severity(), event.product(), event.program(),
                event.rule(), event.target(), event.clock(), event.submittedAt(), event.startedAt(), null, event.dueAt(),
                event.detectedAt()));
    }

    public Alert warning(TimerAtRisk event) {
        return timerAlert(AlertKind.WARNING, warningsTopic, new TimerFacts(event.incidentId(), event.timerId(),
                event.timer(), event.party(), event.contractId(), event.severity(), event.product(), event.program(),
                event.rule(), event.target(), event.clock(), event.submittedAt(), event.startedAt(), event.atRiskAt(),
                event.dueAt(), event.detectedAt()));
    }

    /** What a section-9 timer's deadline events say; {@code atRiskAt} only for a warning. */
    private record TimerFacts(IncidentId incidentId, TimerId timerId, SlaTimer timer, TimerParty party,
                              ContractId contractId, Severity severity, String product, String program, String rule,
                              String target, SlaClock clock, Instant submittedAt, Instant startedAt, Instant atRiskAt,
                              Instant dueAt, Instant detectedAt) {
    }

    private Alert timerAlert(AlertKind kind, String topic, TimerFacts facts) {
        if (facts.incidentId() == null || facts.timerId() == null || facts.timer() == null) {
            throw new UnpublishableAlertException("the timer's deadline event names no incident, timer id or timer");
        }
        String incidentId = facts.incidentId().value();
        Instant dueAt = writable("dueAt", facts.dueAt(), incidentId);
        ObjectNode data = incidentData(incidentId, facts.contractId(), facts.severity(), facts.product());
        data.put("program", facts.program());
        data.put("timer", facts.timer().name());
        data.put("timerId", facts.timerId().value());
        data.put("party", facts.party() == null ? null : facts.party().name());
        data.put("rule", facts.rule());
        data.put("target", facts.target());
        data.put("clock", facts.clock() == null ? null : facts.clock().name());
        data.put("submittedAt", writable("submittedAt", facts.submittedAt(), incidentId).toString());
        data.put("startedAt", writable("startedAt", facts.startedAt(), incidentId).toString());
        return alert(kind, topic, timerAlertId(kind, incidentId, facts.timerId().value(), dueAt),
                kind.cloudEventType(facts.timer()), incidentId, facts.atRiskAt(), dueAt, facts.detectedAt(), data,
                facts.timer(), facts.party());
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
        ObjectNode data = incidentData(incidentId, facts.contractId(), facts.severity(), facts.product());
        data.put("program", facts.program());
        data.put("rule", facts.rule());
        data.put("target", facts.target() == null ? null : facts.target().toString());
        data.put("clock", facts.clock() == null ? null : facts.clock().name());
        data.put("submittedAt", writable("submittedAt", facts.submittedAt(), incidentId).toString());
        return alert(kind, topic, alertId(kind, incidentId, dueAt), kind.cloudEventType(), incidentId, facts.atRiskAt(),
                dueAt, facts.detectedAt(), data, SlaTimer.FIRST_RESPONSE, TimerParty.MICROSOFT);
    }

    private static ObjectNode incidentData(String incidentId, ContractId contractId, Severity severity, String product) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("incidentId", incidentId);
        data.put("contractId", contractId == null ? null : contractId.value());
        data.put("severity", severity == null ? null : severity.code());
        data.put("product", product);
        return data;
    }

    /** The deadline's instants close {@code data}, and the CloudEvent is built around it. */
    private Alert alert(AlertKind kind, String topic, String id, String type, String incidentId, Instant atRiskAt,
                        Instant dueAt, Instant detectedAt, ObjectNode data, SlaTimer timer, TimerParty party) {
        Instant detected = writable("detectedAt", detectedAt, incidentId);
        data.put("dueAt", dueAt.toString());
        if (kind == AlertKind.WARNING) {
            data.put("atRiskAt", writable("atRiskAt", atRiskAt, incidentId).toString());
        }
        data.put("detectedAt", detected.toString());
        CloudEvent event = CloudEventBuilder.v1()
                .withId(id)
                .withSource(source)
                .withType(type)
                .withSubject(incidentId)
                .withTime(detected.atOffset(ZoneOffset.UTC))
                .withDataContentType(DATA_CONTENT_TYPE)
                .withData(JsonCloudEventData.wrap(data))
                .build();
        return new Alert(kind, topic, incidentId, event, kind == AlertKind.WARNING ? atRiskAt : dueAt, timer, party);
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
