package io.theriseunion.imagegateway.app.operations;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /actuator/projections}: the streaming processors that feed the read models, where they are in the
 * event stream, and {@code POST /actuator/projections/{name}} to reset one, which empties its read model and
 * rebuilds it from the events (queries show a partial model until it has caught up).
 */
@Component
@Endpoint(id = "projections")
public class ProjectionsEndpoint {

    private final EventProcessingConfiguration processing;

    public ProjectionsEndpoint(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @ReadOperation
    public List<Map<String, Object>> processors() {
        return processing.eventProcessors().values().stream()
                         .filter(p -> p instanceof StreamingEventProcessor)
                         .map(p -> describe((StreamingEventProcessor) p))
                         .sorted(Comparator.comparing(m -> (String) m.get("name")))
                         .toList();
    }

    @ReadOperation
    public Map<String, Object> processor(@Selector String name) {
        return describe(streaming(name));
    }

    /** Resets the processor's tokens and restarts it: its read model is rebuilt from the first event. */
    @WriteOperation
    public Map<String, Object> reset(@Selector String name) {
        StreamingEventProcessor processor = streaming(name);
        if (!processor.supportsReset()) {
            throw new InvalidEndpointRequestException("processor " + name + " cannot be reset", "not resettable");
        }
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        return describe(processor);
    }

    private StreamingEventProcessor streaming(String name) {
        EventProcessor processor = processing.eventProcessors().get(name);
        if (!(processor instanceof StreamingEventProcessor streaming)) {
            throw new InvalidEndpointRequestException("no streaming processor named " + name, "unknown processor");
        }
        return streaming;
    }

    private static Map<String, Object> describe(StreamingEventProcessor processor) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", processor.getName());
        out.put("running", processor.isRunning());
        out.put("error", processor.isError());
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        out.put("replaying", status.values().stream().anyMatch(EventTrackerStatus::isReplaying));
        out.put("caughtUp", !status.isEmpty() && status.values().stream().allMatch(EventTrackerStatus::isCaughtUp));
        out.put("position", status.values().stream()
                                  .map(s -> s.getCurrentPosition().orElse(-1))
                                  .max(Long::compare).orElse(-1L));
        return out;
    }
}
