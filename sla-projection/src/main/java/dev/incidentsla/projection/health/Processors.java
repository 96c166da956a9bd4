package dev.incidentsla.projection.health;

import dev.incidentsla.projection.alert.SlaAlerts;
import dev.incidentsla.projection.readmodel.SlaProjector;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/** This node's two event processors: the read model's and the alerts'. */
@Component
public class Processors {

    public static final List<String> NAMES = List.of(SlaProjector.PROCESSING_GROUP, SlaAlerts.PROCESSING_GROUP);

    /** How a processor is doing on this node. */
    public enum State { RUNNING, STOPPED, ERROR }

    private final EventProcessingConfiguration processing;
    private final EventStoreHead head;

    public Processors(EventProcessingConfiguration processing, EventStoreHead head) {
        this.processing = processing;
        this.head = head;
    }

    public Optional<StreamingEventProcessor> processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class);
    }

    public State state(String name) {
        StreamingEventProcessor processor = processor(name).orElse(null);
        if (processor == null || !processor.isRunning()) {
            return State.STOPPED;
        }
        return processor.isError() || processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState)
                ? State.ERROR : State.RUNNING;
    }

    /** The segments this node owns, with the global position each has reached (-1 before its first event). */
    public Map<Integer, Long> ownedSegments(String name) {
        Map<Integer, Long> positions = new TreeMap<>();
        processor(name).ifPresent(processor -> processor.processingStatus().forEach((segment, status) -> {
            OptionalLong position = status.getCurrentPosition();
            positions.put(segment, position.orElse(-1));
        }));
        return positions;
    }

    /** Whether both processors run and every segment this node owns has applied every event stored so far. */
    public boolean caughtUp() {
        long now = head.current();
        for (String name : NAMES) {
            Map<Integer, Long> segments = ownedSegments(name);
            if (state(name) != State.RUNNING || segments.isEmpty() || segments.values().stream().anyMatch(position -> position < now)) {
                return false;
            }
        }
        return true;
    }
}
