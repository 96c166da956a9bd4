package dev.incidentsla.service;

import dev.incidentsla.api.contract.ContractEvent;
import dev.incidentsla.api.incident.IncidentEvent;
import dev.incidentsla.api.incident.IncidentOpened;
import io.swagger.v3.oas.annotations.media.Schema;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** The global event stream in storage order, for auditors who replay everything. Blocking. */
@Component
public class AuditLog {

    /**
     * One stored event of any aggregate.
     *
     * @param globalSequence its position in the global stream; pass the last one seen as {@code after} to continue
     */
    @Schema(name = "AuditEntry", description = "One stored event of the global stream",
            requiredProperties = {"globalSequence", "aggregateId", "sequence", "eventId", "type", "timestamp", "payload",
                    "metadata"})
    public record Entry(long globalSequence, String aggregateId, long sequence, String eventId, String type, String revision,
                        Instant timestamp, Object payload, Map<String, Object> metadata) {
    }

    private final EventStorageEngine storageEngine;
    private final IncidentContracts incidentContracts;

    public AuditLog(EventStorageEngine storageEngine, IncidentContracts incidentContracts) {
        this.storageEngine = storageEngine;
        this.incidentContracts = incidentContracts;
    }

    /**
     * A page of the stream: its entries, and the global sequence it read through, the {@code after} of the next page.
     * For a caller limited to some contracts the two differ: the events it may not see are read and left out.
     */
    public record Page(List<Entry> entries, long readThrough) {
    }

    /**
     * Up to {@code limit} events whose global sequence is greater than {@code after} (-1: from the first), of the
     * {@code visibleContracts} only (null: of all): a contract's own events and those of its incidents. At most
     * {@code limit} events are read from the store whoever asks, so that a caller whose contracts hold few events
     * costs no more than one who sees everything; it continues from {@link Page#readThrough()}.
     */
    public Page after(long after, int limit, Set<String> visibleContracts) {
        GapAwareTrackingToken token = after < 0 ? null : GapAwareTrackingToken.newInstance(after, List.of());
        List<Entry> entries = new ArrayList<>();
        long readThrough = after;
        try (Stream<? extends TrackedEventMessage<?>> events = storageEngine.readEvents(token, false)) {
            Iterator<? extends TrackedEventMessage<?>> read = events.limit(limit).iterator();
            while (read.hasNext()) {
                TrackedEventMessage<?> event = read.next();
                readThrough = event.trackingToken().position().orElseThrow();
                if (visibleContracts == null || isVisible(event, visibleContracts)) {
                    entries.add(entry(event));
                }
            }
        }
        return new Page(entries, readThrough);
    }

    private boolean isVisible(TrackedEventMessage<?> event, Set<String> visibleContracts) {
        String contract = contractOf(event);
        return contract != null && visibleContracts.contains(contract);
    }

    private String contractOf(TrackedEventMessage<?> event) {
        Object payload = event.getPayload();
        if (payload instanceof ContractEvent contract) {
            return contract.contractId().value();
        }
        if (payload instanceof IncidentOpened opened) {
            incidentContracts.remember(opened);
            return opened.contractId().value();
        }
        if (payload instanceof IncidentEvent incident) {
            return incidentContracts.contractOf(incident.incidentId()).orElse(null);
        }
        return null;
    }

    private static Entry entry(TrackedEventMessage<?> event) {
        long globalSequence = event.trackingToken().position().orElseThrow();
        String aggregateId = event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
        long sequence = event instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : -1;
        return new Entry(globalSequence, aggregateId, sequence, event.getIdentifier(), event.getPayloadType().getSimpleName(),
                EventHistory.revisionOf(event.getPayloadType()), event.getTimestamp(), event.getPayload(), event.getMetaData());
    }
}
