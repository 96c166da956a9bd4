package dev.incidentsla.projection.alert;

/**
 * This one event can never become an alert (an instant RFC 3339 cannot write, a record Kafka refuses for what it
 * is). Retrying would block every alert behind it, so it is reported and skipped.
 */
public class UnpublishableAlertException extends RuntimeException {

    public UnpublishableAlertException(String message) {
        super(message);
    }

    public UnpublishableAlertException(String message, Throwable cause) {
        super(message, cause);
    }
}
