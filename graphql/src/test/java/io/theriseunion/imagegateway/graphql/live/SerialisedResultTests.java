package io.theriseunion.imagegateway.graphql.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphqlErrorBuilder;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payload a subscriber's {@code next} message carries for a shared event is the JSON written once per event,
 * and it is the very text Jackson writes for the result's specification (data, errors, extensions), as Spring's
 * handler wrote it per subscriber before.
 */
class SerialisedResultTests {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theWholeResultIsWrittenOnceAsJacksonWritesIt() throws Exception {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("syncStatusChanged", Map.of("namespace", "team-\"01\"", "name", "app-001"));
        ExecutionResult result = ExecutionResultImpl.newExecutionResult()
                .data(data)
                .errors(List.of(GraphqlErrorBuilder.newError().message("partly: ü \u2028").build()))
                .extensions(Map.of("cost", 3))
                .build();

        SerialisedResult shared = SerialisedResult.of(result, json);

        assertThat(shared.json()).isEqualTo(json.writeValueAsString(result.toSpecification()));
        assertThat(json.readTree(shared.json())).isEqualTo(json.readTree(json.writeValueAsString(shared.toSpecification())));
        ExecutionResult dataOnly = ExecutionResultImpl.newExecutionResult().data(data).build();
        assertThat(SerialisedResult.of(dataOnly, json).json()).isEqualTo(json.writeValueAsString(dataOnly.toSpecification()));
    }
}
