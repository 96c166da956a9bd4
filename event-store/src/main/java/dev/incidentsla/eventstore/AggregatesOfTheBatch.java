package dev.incidentsla.eventstore;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What an event processor's batch is about, read from its messages' envelopes: the projections read and lock the rows
 * of a batch's aggregates with one query before its first event is applied. No payload is deserialized here, so an
 * unreadable event still fails in its own handler alone (and is skipped as poisoned).
 */
public final class AggregatesOfTheBatch {

    private AggregatesOfTheBatch() {
    }

    /**
     * The aggregates the batch's domain events of this payload type (or a subtype) belong to, in identifier order (so
     * that every node locks their rows in one order), each with the highest sequence number of its events in the batch.
     */
    public static SortedMap<String, Long> lastSequences(UnitOfWork<?> batch, Class<?> payloadType) {
        List<? extends Message<?>> messages = batch instanceof BatchingUnitOfWork<?> batching
                ? batching.getMessages() : List.of(batch.getMessage());
        SortedMap<String, Long> lastSequences = new TreeMap<>();
        for (Message<?> message : messages) {
            if (message instanceof DomainEventMessage<?> event && payloadType.isAssignableFrom(event.getPayloadType())) {
                lastSequences.merge(event.getAggregateIdentifier(), event.getSequenceNumber(), Math::max);
            }
        }
        return lastSequences;
    }
}
