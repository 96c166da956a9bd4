package dev.incidentsla.projection.alert;

import io.cloudevents.CloudEvent;

import java.time.Instant;

/**
 * An alert ready to send.
 *
 * @param key      the record key: the incident id, so that all alerts of one incident land on one partition, in order
 * @param deadline the instant the alert is about (the at-risk instant of a warning, the due instant of a breach),
 *                 from which its latency is counted
 */
public record Alert(AlertKind kind, String topic, String key, CloudEvent event, Instant deadline) {

    public String id() {
        return event.getId();
    }
}
