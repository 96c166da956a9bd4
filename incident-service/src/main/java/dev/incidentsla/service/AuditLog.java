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
     * Up to {@code limit} events whose global sequence is greater than {@code after} (-1: from the first), of the
     * {@code visibleContracts} only (null: of all): a contract's own events and those of its incidents.
     */
    public List<Entry> after(long after, int limit, Set<String> visibleContracts) {
        GapAwareTrackingToken token = after < 0 ? null : GapAwareTrackingToken.newInstance(after, List.of());
        try (Stream<? extends TrackedEventMessage<?>> events = storageEngine.readEvents(token, false)) {
            return events.filter(event -> visibleContracts == null || visibleContracts.contains(contractOf(event)))
                    .limit(limit).map(AuditLog::entry).toList();
        }
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
