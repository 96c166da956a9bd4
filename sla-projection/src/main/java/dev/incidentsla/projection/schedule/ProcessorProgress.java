package dev.incidentsla.projection.schedule;

import dev.incidentsla.projection.readmodel.SlaProjector;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.OptionalLong;

/**
 * Whether the projection has applied every event stored so far. An alert fires only then, so that a response
 * stored just before a deadline is seen before the deadline is judged.
 */
@Component
public class ProcessorProgress {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    public ProcessorProgress(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    public boolean caughtUp() {
        StreamingEventProcessor processor = processing.eventProcessor(SlaProjector.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElse(null);
        if (processor == null || !processor.isRunning()) {
            return false;
        }
        TrackingToken head = eventStore.createHeadToken();
        OptionalLong headPosition = head == null ? OptionalLong.empty() : head.position();
        if (headPosition.isEmpty()) {
            return true;
        }
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        if (segments.isEmpty()) {
            return false;
        }
        for (EventTrackerStatus segment : segments.values()) {
            OptionalLong position = segment.getCurrentPosition();
            if (segment.isErrorState() || position.isEmpty() || position.getAsLong() < headPosition.getAsLong()) {
                return false;
            }
        }
        return true;
    }
}
