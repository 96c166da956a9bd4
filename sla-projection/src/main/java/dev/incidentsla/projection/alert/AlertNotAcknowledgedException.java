package dev.incidentsla.projection.alert;

import org.axonframework.common.AxonTransientException;

/**
 * Kafka did not acknowledge an alert (broker away, timeout, producer closing). Transient: the segment retries from
 * its token, and sends the alert again with the same id.
 */
public class AlertNotAcknowledgedException extends AxonTransientException {

    public AlertNotAcknowledgedException(String alertId, Throwable cause) {
        super("Kafka did not acknowledge alert " + alertId + ": " + cause, cause);
    }
}
