package io.theriseunion.imagegateway.graphql.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import graphql.ExecutionResult;
import graphql.GraphQLError;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One event's result of a shared execution, turned into JSON once for all its subscribers: its specification
 * ({@code data}, {@code errors}, {@code extensions}) holds the JSON text of each part, which the WebSocket handler
 * writes as it is into each subscriber's {@code next} message (only the message's envelope, with the subscriber's
 * own id, is written per subscriber).
 */
final class SerialisedResult implements ExecutionResult {

    private final ExecutionResult result;
    private final Map<String, Object> specification;

    private SerialisedResult(ExecutionResult result, Map<String, Object> specification) {
        this.result = result;
        this.specification = specification;
    }

    static SerialisedResult of(ExecutionResult result, ObjectMapper json) {
        Map<String, Object> parts = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Object> part : result.toSpecification().entrySet()) {
                parts.put(part.getKey(), new RawValue(json.writeValueAsString(part.getValue())));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event's result could not be written as JSON", e);
        }
        return new SerialisedResult(result, Collections.unmodifiableMap(parts));
    }

    @Override
    public List<GraphQLError> getErrors() {
        return result.getErrors();
    }

    @Override
    public <T> T getData() {
        return result.getData();
    }

    @Override
    public boolean isDataPresent() {
        return result.isDataPresent();
    }

    @Override
    public Map<Object, Object> getExtensions() {
        return result.getExtensions();
    }

    @Override
    public Map<String, Object> toSpecification() {
        return specification;
    }
}
