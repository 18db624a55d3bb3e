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
 * ({@code data}, {@code errors}, {@code extensions}) holds the JSON text of each part (for whoever writes it with
 * Jackson), and {@link #json()} the whole result as one JSON text: the WebSocket handler puts that in each
 * subscriber's {@code next} envelope as it is (only the envelope's start, with the subscription's id, differs, and
 * that is written once per subscription).
 */
final class SerialisedResult implements ExecutionResult {

    private final ExecutionResult result;
    private final Map<String, Object> specification;
    private final String json;

    private SerialisedResult(ExecutionResult result, Map<String, Object> specification, String json) {
        this.result = result;
        this.specification = specification;
        this.json = json;
    }

    static SerialisedResult of(ExecutionResult result, ObjectMapper json) {
        Map<String, Object> parts = new LinkedHashMap<>();
        StringBuilder whole = new StringBuilder("{");
        try {
            for (Map.Entry<String, Object> part : result.toSpecification().entrySet()) {
                String text = json.writeValueAsString(part.getValue());
                parts.put(part.getKey(), new RawValue(text));
                whole.append(whole.length() > 1 ? "," : "").append(json.writeValueAsString(part.getKey()))
                     .append(':').append(text);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event's result could not be written as JSON", e);
        }
        return new SerialisedResult(result, Collections.unmodifiableMap(parts), whole.append('}').toString());
    }

    /** The whole result ({@code data}, {@code errors}, {@code extensions}) as JSON text, as a {@code next} payload. */
    String json() {
        return json;
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
