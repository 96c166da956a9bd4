package dev.incidentsla.projection.alert;

/**
 * What this node last found out about one alert topic, and, when it cannot take alerts, what an operator must do.
 *
 * @param message for health: {@code exists}, or what is wrong and what to do about it
 */
public record AlertTopicStatus(String topic, State state, String message) {

    public enum State {
        /** Described by the broker, and this principal may write to it as far as the broker says. */
        EXISTS,
        /** The broker says it does not exist (it says so only to a principal that may describe it). */
        MISSING,
        /** The broker describes it, but says this principal may not write to it. */
        NOT_WRITABLE,
        /**
         * This principal may not describe it: whether it exists is unknown. Kafka's authorizer lets WRITE imply DESCRIBE,
         * so with it, writes fail too; an acknowledged alert proves otherwise.
         */
        NOT_DESCRIBABLE,
        /** The broker did not answer about it yet. */
        UNCHECKED
    }

    static AlertTopicStatus exists(String topic) {
        return new AlertTopicStatus(topic, State.EXISTS, "exists");
    }

    static AlertTopicStatus missingAndNotToBeCreated(String topic) {
        return new AlertTopicStatus(topic, State.MISSING, "topic " + topic
                + " does not exist and sla-projection.kafka.create-topics is off: create it");
    }

    static AlertTopicStatus missingAndMayNotBeCreated(String topic, Throwable refusal) {
        return new AlertTopicStatus(topic, State.MISSING, "topic " + topic
                + " does not exist and this principal may not create it: create it, or grant CREATE on it ("
                + refusal.getClass().getSimpleName() + ": " + refusal.getMessage() + ")");
    }

    static AlertTopicStatus missingAndCreationFailed(String topic, Throwable failure) {
        return new AlertTopicStatus(topic, State.MISSING, "topic " + topic + " does not exist and creating it failed ("
                + failure + "): create it");
    }

    static AlertTopicStatus missingAndBeingCreated(String topic) {
        return new AlertTopicStatus(topic, State.MISSING, "topic " + topic + " does not exist; its creation has not finished yet");
    }

    static AlertTopicStatus notWritable(String topic) {
        return new AlertTopicStatus(topic, State.NOT_WRITABLE, "topic " + topic
                + " exists but this principal may not write to it: grant WRITE on it");
    }

    static AlertTopicStatus notDescribable(String topic, Throwable refusal) {
        return new AlertTopicStatus(topic, State.NOT_DESCRIBABLE, "this principal may not describe topic " + topic
                + ", so whether it exists is unknown and alerts to it are refused unless the cluster allows WRITE without "
                + "DESCRIBE: grant WRITE and DESCRIBE on it (" + refusal.getClass().getSimpleName() + ": " + refusal.getMessage() + ")");
    }

    static AlertTopicStatus unchecked(String topic, Throwable failure) {
        return new AlertTopicStatus(topic, State.UNCHECKED, "topic " + topic + " could not be checked yet: " + failure);
    }
}
