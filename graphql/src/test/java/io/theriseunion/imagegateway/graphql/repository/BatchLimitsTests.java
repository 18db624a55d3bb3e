package io.theriseunion.imagegateway.graphql.repository;

import io.theriseunion.imagegateway.support.GatewayClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.TestPropertySource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.theriseunion.imagegateway.support.GatewayClient.addInput;
import static io.theriseunion.imagegateway.support.GatewayClient.freshNamespace;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batch mutations share a bounded queue and a time limit per request (finding L7): items that find the queue
 * full, or that the batch did not reach in time, are refused as UNAVAILABLE and are not done afterwards.
 * One worker, a queue of 20 and a time limit of 1 ms make both happen with a batch of 50.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:batch-limits;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data", "gateway.batch-parallelism=1",
                                  "gateway.batch-queue-size=20", "gateway.batch-timeout=1ms"})
class BatchLimitsTests {

    @LocalServerPort
    int port;

    @Test
    @SuppressWarnings("unchecked")
    void itemsBeyondTheQueueOrTheTimeLimitAreRefusedAsUnavailableAndNeverDone() {
        HttpGraphQlTester graphQl = GatewayClient.graphQl(port);
        String ns = freshNamespace("batch");
        GatewayClient.ensureRegistry(graphQl, ns);
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(addInput(ns, "item-" + i));
        }

        List<Map<String, Object>> items = graphQl.documentName("addRepositories").variable("input", batch).execute()
                                                 .path("addRepositories.items").entityList(Map.class).get()
                                                 .stream().map(m -> (Map<String, Object>) m).toList();

        List<String> busy = new ArrayList<>();
        List<String> notAttempted = new ArrayList<>();
        for (Map<String, Object> item : items) {
            Map<String, Object> error = (Map<String, Object>) item.get("error");
            if (error == null) {
                continue;
            }
            assertThat(error.get("code")).isEqualTo("UNAVAILABLE");
            String message = (String) error.get("message");
            if (message.contains("gateway.batch-queue-size")) {
                busy.add((String) item.get("name"));
            } else if (message.startsWith("not attempted") && message.contains("within 1ms (gateway.batch-timeout)")) {
                notAttempted.add((String) item.get("name"));
            }
        }
        assertThat(busy).as("refused because the queue was full").isNotEmpty();
        assertThat(notAttempted).as("cancelled at the time limit").isNotEmpty();

        // what was refused is never done later: once the workers are idle, those names are still free
        for (String name : notAttempted.isEmpty() ? busy : List.of(notAttempted.get(0), busy.get(0))) {
            graphQl.documentName("addRepository").fragmentName("repositoryFields").variable("input", addInput(ns, name))
                   .execute().path("addRepository.name").entity(String.class).isEqualTo(name);
        }
    }
}
