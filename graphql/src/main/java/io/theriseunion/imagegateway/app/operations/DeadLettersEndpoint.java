package io.theriseunion.imagegateway.app.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.theriseunion.imagegateway.app.config.ReadModelFailures;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /actuator/deadletters}: the events each projection could not apply (its dead-letter queue), with the
 * cause; {@code /actuator/deadletters/{processingGroup}} lists one group's, and a POST there retries them, oldest
 * sequence first, until one fails again. Cluster administrators only, like every actuator endpoint but health.
 */
@Component
@Endpoint(id = "deadletters")
public class DeadLettersEndpoint {

    /** At most this many letters are listed per group. */
    private static final int LISTED = 100;

    private final EventProcessingConfiguration processing;

    public DeadLettersEndpoint(EventProcessingConfiguration processing, MeterRegistry meters) {
        this.processing = processing;
        ReadModelFailures.PROJECTIONS.forEach(group -> Gauge
                .builder("gateway.projections.dead_letters", () -> queue(group).size())
                .description("Events a projection could not apply, waiting in its dead-letter queue")
                .tag("processing_group", group).register(meters));
    }

    @ReadOperation
    public Map<String, Object> groups() {
        Map<String, Object> out = new LinkedHashMap<>();
        ReadModelFailures.PROJECTIONS.forEach(group -> out.put(group, describe(group)));
        return out;
    }

    @ReadOperation
    public Map<String, Object> group(@Selector String processingGroup) {
        return describe(known(processingGroup));
    }

    /** Retries the group's dead letters: each sequence that now applies leaves the queue. */
    @WriteOperation
    public Map<String, Object> retry(@Selector String processingGroup) {
        String group = known(processingGroup);
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing.sequencedDeadLetterProcessor(group)
                .orElseThrow(() -> new InvalidEndpointRequestException("no dead-letter queue for " + group,
                                                                      "unknown processing group"));
        long before = queue(group).size();
        int retried = 0;
        long sequences = queue(group).amountOfSequences();
        for (long i = 0; i < sequences && processor.processAny(); i++) {
            retried++;
        }
        Map<String, Object> out = describe(group);
        out.put("sequencesApplied", retried);
        out.put("lettersBefore", before);
        return out;
    }

    private Map<String, Object> describe(String group) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group);
        List<Map<String, Object>> letters = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                if (letters.size() >= LISTED) {
                    break;
                }
                letters.add(describe(letter));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("processingGroup", group);
        out.put("size", queue.size());
        out.put("sequences", queue.amountOfSequences());
        out.put("letters", letters);
        return out;
    }

    private static Map<String, Object> describe(DeadLetter<? extends EventMessage<?>> letter) {
        Map<String, Object> out = new LinkedHashMap<>();
        EventMessage<?> event = letter.message();
        out.put("eventIdentifier", event.getIdentifier());
        out.put("payloadType", event.getPayloadType().getSimpleName());
        out.put("timestamp", event.getTimestamp().toString());
        out.put("enqueuedAt", letter.enqueuedAt().toString());
        out.put("lastTouched", letter.lastTouched().toString());
        letter.cause().ifPresent(cause -> {
            out.put("causeType", cause.type());
            out.put("causeMessage", cause.message());
        });
        return out;
    }

    private String known(String group) {
        if (!ReadModelFailures.PROJECTIONS.contains(group)) {
            throw new InvalidEndpointRequestException("no dead-letter queue for " + group + "; the groups are "
                                                              + ReadModelFailures.PROJECTIONS, "unknown processing group");
        }
        return group;
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String group) {
        return processing.deadLetterQueue(group).orElseThrow(
                () -> new IllegalStateException("no dead-letter queue configured for " + group));
    }
}
