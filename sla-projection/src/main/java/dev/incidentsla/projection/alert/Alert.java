package dev.incidentsla.projection.alert;

import dev.incidentsla.api.SlaTimer;
import dev.incidentsla.api.TimerParty;
import io.cloudevents.CloudEvent;

import java.time.Instant;

/**
 * An alert ready to send.
 *
 * @param key      the record key: the incident id, so that all alerts of one incident land on one partition, in order
 * @param deadline the instant the alert is about (the at-risk instant of a warning, the due instant of a breach),
 *                 from which its latency is counted
 * @param timer    the timer it is about ({@code FIRST_RESPONSE} for the first response's alerts), for the metrics
 * @param party    who owed it: a {@code CUSTOMER} breach is never counted as Microsoft's
 */
public record Alert(AlertKind kind, String topic, String key, CloudEvent event, Instant deadline, SlaTimer timer,
                    TimerParty party) {

    public String id() {
        return event.getId();
    }
}
