package io.theriseunion.imagegateway.graphql.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.theriseunion.imagegateway.support.GatewayClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.TestPropertySource;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.theriseunion.imagegateway.support.GatewayClient.freshNamespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 1,000 graphql-ws clients, each on its own WebSocket, subscribed to the repository changes of one namespace while
 * repositories are added in bursts: each receives every change in the same order, or a prefix of it and then
 * SUBSCRIBER_TOO_SLOW, never a gap; and the 1,000 share one execution, so each change is executed and serialised
 * once. Half the clients write the document with other whitespace and a comment: it is the same subscription.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:fanout;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data",
                                  "gateway.live.max-connections=1200",
                                  "gateway.live.max-connections-per-caller=1200"})
class LiveFanOutTests {

    private static final int SUBSCRIBERS = 1000;
    private static final int BURSTS = 3;
    private static final int PER_BURST = 20;
    private static final Duration WAIT = Duration.ofSeconds(120);

    @LocalServerPort
    int port;
    @Autowired
    MeterRegistry meters;

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    private double payloads() {
        return meters.get("gateway.live.payloads").counter().count();
    }

    @Test
    void aThousandSubscribersEachGetEveryChangeOfBurstsInOrderFromOneExecution() throws Exception {
        HttpGraphQlTester graphQl = GatewayClient.graphQl(port);
        String ns = freshNamespace("fanout");
        GatewayClient.ensureRegistry(graphQl, ns);
        double subscribersBefore = gauge("gateway.live.subscribers");
        double executionsBefore = gauge("gateway.live.executions");
        double payloadsBefore = payloads();

        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<GraphQlWsSubscriber>> connecting = new ArrayList<>();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            String document = i % 2 == 0
                    ? "subscription($ns: String) { repositoryChanged(namespace: $ns) { type namespace name } }"
                    : "subscription ($ns: String) {\n  # the same, written otherwise\n  repositoryChanged(namespace: $ns) {\n"
                      + "    type\n    namespace\n    name\n  }\n}";
            connecting.add(GraphQlWsSubscriber.connect(http, port, GatewayClient.ADMIN_TOKEN, document, Map.of("ns", ns)));
        }
        List<GraphQlWsSubscriber> subscribers = new ArrayList<>();
        for (CompletableFuture<GraphQlWsSubscriber> c : connecting) {
            subscribers.add(c.get(60, TimeUnit.SECONDS));
        }
        try {
            await().atMost(WAIT).until(() -> gauge("gateway.live.subscribers") >= subscribersBefore + SUBSCRIBERS);
            assertThat(gauge("gateway.live.executions")).isEqualTo(executionsBefore + 1);

            for (int burst = 0; burst < BURSTS; burst++) {
                List<Map<String, Object>> items = new ArrayList<>();
                for (int i = 0; i < PER_BURST; i++) {
                    Map<String, Object> item = new HashMap<>(GatewayClient.addInput(ns, "b" + burst + "-" + i));
                    item.put("retryCount", 0);
                    items.add(item);
                }
                graphQl.document("mutation($input: [AddRepositoryInput!]!) { addRepositories(input: $input) { succeeded } }")
                       .variable("input", items).execute().path("addRepositories.succeeded").entity(Integer.class)
                       .isEqualTo(PER_BURST);
            }

            int expected = 2 * BURSTS * PER_BURST; // ADDED, then SYNCED once its (failing) sync is recorded
            await().atMost(WAIT).until(() -> subscribers.stream().allMatch(s -> s.data().size() >= expected || s.ended()));

            List<String> reference = null;
            int complete = 0;
            for (GraphQlWsSubscriber s : subscribers) {
                List<String> seen = s.data().stream().map(LiveFanOutTests::change).toList();
                if (s.errors() == null) {
                    assertThat(seen).hasSize(expected);
                    complete++;
                    if (reference == null) {
                        reference = seen;
                        assertEachAddedBeforeSynced(seen);
                    }
                    assertThat(seen).containsExactlyElementsOf(reference);
                } else {
                    assertThat(s.errors().findValuesAsText("code")).containsExactly("SUBSCRIBER_TOO_SLOW");
                    assertThat(seen.size()).isLessThan(expected);
                }
            }
            assertThat(complete).as("subscribers that received every change").isPositive();
            for (GraphQlWsSubscriber s : subscribers) {
                List<String> seen = s.data().stream().map(LiveFanOutTests::change).toList();
                assertThat(reference).startsWith(seen.toArray(String[]::new)); // a cut-off one got a prefix, in order
            }
            // one execution for all of them: each change was executed and serialised once
            assertThat(payloads() - payloadsBefore).isEqualTo(expected);
        } finally {
            subscribers.forEach(GraphQlWsSubscriber::close);
        }
        await().atMost(WAIT).until(() -> gauge("gateway.live.subscribers") <= subscribersBefore
                && gauge("gateway.live.executions") <= executionsBefore);
    }

    private static String change(JsonNode data) {
        JsonNode c = data.path("repositoryChanged");
        return c.path("type").asText() + " " + c.path("namespace").asText() + "/" + c.path("name").asText();
    }

    private static void assertEachAddedBeforeSynced(List<String> seen) {
        for (int burst = 0; burst < BURSTS; burst++) {
            for (int i = 0; i < PER_BURST; i++) {
                String name = "/b" + burst + "-" + i;
                int added = indexOf(seen, "ADDED", name);
                int synced = indexOf(seen, "SYNCED", name);
                assertThat(added).as("ADDED of " + name).isNotNegative();
                assertThat(synced).as("SYNCED of " + name).isGreaterThan(added);
            }
        }
    }

    private static int indexOf(List<String> seen, String type, String name) {
        for (int i = 0; i < seen.size(); i++) {
            if (seen.get(i).startsWith(type + " ") && seen.get(i).endsWith(name)) {
                return i;
            }
        }
        return -1;
    }
}
