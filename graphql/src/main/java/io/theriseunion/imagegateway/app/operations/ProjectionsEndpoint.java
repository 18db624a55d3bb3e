package io.theriseunion.imagegateway.app.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.theriseunion.imagegateway.app.config.ReadModelFailures;
import io.theriseunion.imagegateway.domain.sync.SyncProcess;
import io.theriseunion.imagegateway.projections.sync.SyncCheckProjection;
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
import java.util.stream.Stream;

/**
 * {@code /actuator/projections}: the streaming processors that feed the read models, where they are in the
 * event stream, and {@code POST /actuator/projections/{name}} to reset one, which empties its read model and
 * rebuilds it from the events (queries show a partial model until it has caught up).
 * <p>
 * A processor whose tokens live in the database is shown as the cluster has it, the same on every node: per segment
 * its owner (the node's {@code gateway.node-name}), when the owner last claimed it, its position, and the lag behind
 * the event store's head ({@code lag}: events not yet processed). {@code running} and {@code error} (with
 * {@code errorTypes}: a segment whose last batch failed and is being retried) are this node's,
 * {@code ownedHere} the segments this node holds. A processor with its tokens in memory ({@code live-updates}, which
 * every node runs for itself) is shown as this node has it.
 * <p>
 * The same per processing group as gauges, for alerts: {@code gateway.projections.lag} (cluster-wide) and
 * {@code gateway.projections.error} (1 while a segment on this node retries a failed batch), for the projections,
 * the schedule of the scheduled checks ({@code sync-checks}) and the sync process.
 */
@Component
@Endpoint(id = "projections")
public class ProjectionsEndpoint {

    private final EventProcessingConfiguration processing;
    private final ProcessorPositions positions;

    public ProjectionsEndpoint(EventProcessingConfiguration processing, ProcessorPositions positions,
                               MeterRegistry meters) {
        this.processing = processing;
        this.positions = positions;
        Stream.concat(ReadModelFailures.PROJECTIONS.stream(),
                      Stream.of(SyncCheckProjection.PROCESSING_GROUP, SyncProcess.PROCESSING_GROUP)).forEach(name -> {
            Gauge.builder("gateway.projections.lag", () -> lag(name))
                 .description("Events the processor has not handled yet, cluster-wide (its slowest segment)")
                 .tag("processing_group", name).register(meters);
            Gauge.builder("gateway.projections.error", () -> error(name))
                 .description("1 while a segment of the processor on this node retries a batch that failed")
                 .tag("processing_group", name).register(meters);
        });
    }

    @ReadOperation
    public List<Map<String, Object>> processors() {
        long head = positions.head();
        Map<String, List<ProcessorPositions.Segment>> shared = positions.segments();
        return processing.eventProcessors().values().stream()
                         .filter(p -> p instanceof StreamingEventProcessor)
                         .map(p -> describe((StreamingEventProcessor) p, shared.get(p.getName()), head))
                         .sorted(Comparator.comparing(m -> (String) m.get("name")))
                         .toList();
    }

    @ReadOperation
    public Map<String, Object> processor(@Selector String name) {
        StreamingEventProcessor processor = streaming(name);
        return describe(processor, positions.segments().get(name), positions.head());
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
        return processor(name);
    }

    private double lag(String name) {
        Object lag = gauged(name).get("lag");
        return lag instanceof Number number ? number.doubleValue() : Double.NaN;
    }

    /** This node's state alone: no query. */
    private double error(String name) {
        return processing.eventProcessors().get(name) instanceof StreamingEventProcessor processor
                && inError(processor, errorTypes(processor)) ? 1 : 0;
    }

    /** The processor as the endpoint shows it; empty while Axon has not registered it (the gateway is starting). */
    private Map<String, Object> gauged(String name) {
        return processing.eventProcessors().get(name) instanceof StreamingEventProcessor processor
                ? describe(processor, positions.segments().get(name), positions.head())
                : Map.of();
    }

    /** The errors this node's segments retry after, by type (a segment keeps its error until a batch succeeds). */
    private static List<String> errorTypes(StreamingEventProcessor processor) {
        return processor.processingStatus().values().stream().filter(EventTrackerStatus::isErrorState)
                        .map(s -> s.getError() == null ? "unknown" : s.getError().getClass().getName())
                        .distinct().toList();
    }

    private static boolean inError(StreamingEventProcessor processor, List<String> errorTypes) {
        return processor.isError() || !errorTypes.isEmpty();
    }

    private StreamingEventProcessor streaming(String name) {
        EventProcessor processor = processing.eventProcessors().get(name);
        if (!(processor instanceof StreamingEventProcessor streaming)) {
            throw new InvalidEndpointRequestException("no streaming processor named " + name, "unknown processor");
        }
        return streaming;
    }

    /** How far behind the head a processor is: the head minus its slowest segment's position (0 when none). */
    static long lag(long head, long position) {
        return Math.max(0, head - Math.max(position, -1));
    }

    private static Map<String, Object> describe(StreamingEventProcessor processor,
                                                List<ProcessorPositions.Segment> shared, long head) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", processor.getName());
        out.put("running", processor.isRunning());
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        List<String> errors = errorTypes(processor);
        out.put("error", inError(processor, errors));
        if (!errors.isEmpty()) {
            // the type only: the cause and its message are in the processor's warning in the log
            out.put("errorTypes", errors);
        }
        out.put("ownedHere", status.keySet().stream().sorted().toList());
        if (shared == null || shared.isEmpty()) {
            // tokens in this node's memory (or none stored yet): this node's view is the whole truth
            long position = status.values().stream().map(s -> s.getCurrentPosition().orElse(-1))
                                  .max(Long::compare).orElse(-1L);
            out.put("tokens", "node");
            out.put("replaying", status.values().stream().anyMatch(EventTrackerStatus::isReplaying));
            out.put("caughtUp", !status.isEmpty() && status.values().stream().allMatch(EventTrackerStatus::isCaughtUp));
            out.put("position", position);
            out.put("head", head);
            out.put("lag", status.isEmpty() ? null : lag(head, position));
            return out;
        }
        long slowest = shared.stream().mapToLong(ProcessorPositions.Segment::position).min().orElse(-1);
        long lag = lag(head, slowest);
        out.put("tokens", "shared");
        out.put("replaying", shared.stream().anyMatch(ProcessorPositions.Segment::replaying));
        out.put("caughtUp", lag == 0);
        out.put("position", slowest);
        out.put("head", head);
        out.put("lag", lag);
        out.put("owners", shared.stream().map(ProcessorPositions.Segment::owner).filter(o -> o != null).distinct()
                                .sorted().toList());
        out.put("segments", shared.stream().map(s -> {
            Map<String, Object> segment = new LinkedHashMap<>();
            segment.put("segment", s.segment());
            segment.put("owner", s.owner());
            segment.put("claimedAt", s.claimedAt());
            segment.put("position", s.position());
            segment.put("lag", lag(head, s.position()));
            return segment;
        }).toList());
        return out;
    }
}
