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

    /** The global position of the newest stored event, or -1 when the store is empty. */
    public long headPosition() {
        TrackingToken head = eventStore.createHeadToken();
        OptionalLong position = head == null ? OptionalLong.empty() : head.position();
        return position.orElse(-1);
    }

    /** Whether the projection has applied every event up to {@code position}. */
    public boolean reached(long position) {
        if (position < 0) {
            return true;
        }
        StreamingEventProcessor processor = processing.eventProcessor(SlaProjector.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElse(null);
        if (processor == null || !processor.isRunning()) {
            return false;
        }
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        if (segments.isEmpty()) {
            return false;
        }
        for (EventTrackerStatus segment : segments.values()) {
            OptionalLong current = segment.getCurrentPosition();
            if (segment.isErrorState() || current.isEmpty() || current.getAsLong() < position) {
                return false;
            }
        }
        return true;
    }

    /** How the projection's processor is doing. */
    public enum State { RUNNING, STOPPED, FAILING }

    public State state() {
        StreamingEventProcessor processor = processing.eventProcessor(SlaProjector.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElse(null);
        if (processor == null || !processor.isRunning()) {
            return State.STOPPED;
        }
        return processor.isError() || processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState)
                ? State.FAILING : State.RUNNING;
    }

    /** Whether the projection has applied every event stored so far. */
    public boolean caughtUp() {
        return reached(headPosition());
    }
}
