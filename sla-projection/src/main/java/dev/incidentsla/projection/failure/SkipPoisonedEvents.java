package dev.incidentsla.projection.failure;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;

/**
 * One bad event never blocks or duplicates the others. A transient failure is rethrown: the segment stops and
 * retries from its token. Any other failure (a payload that cannot be deserialized, an instant RFC 3339 cannot
 * write, a bug) is about this event alone: reported, counted, and skipped, so that the events behind it flow.
 */
public class SkipPoisonedEvents implements ListenerInvocationErrorHandler {

    private static final System.Logger LOG = System.getLogger(SkipPoisonedEvents.class.getName());

    private final String processingGroup;
    private final PoisonedEvents poisonedEvents;

    public SkipPoisonedEvents(String processingGroup, PoisonedEvents poisonedEvents) {
        this.processingGroup = processingGroup;
        this.poisonedEvents = poisonedEvents;
        poisonedEvents.register(processingGroup);
    }

    @Override
    public void onError(Exception exception, EventMessage<?> event, EventMessageHandler eventHandler) throws Exception {
        if (Failures.isTransient(exception)) {
            throw exception;
        }
        PoisonedEvents.Poisoned poisoned = poisonedEvents.record(processingGroup, event, exception);
        LOG.log(System.Logger.Level.WARNING, "skipped event " + poisoned.eventId() + " (" + poisoned.eventType() + ") in "
                + processingGroup + ", it can never be handled: " + poisoned.reason(), exception);
    }
}
