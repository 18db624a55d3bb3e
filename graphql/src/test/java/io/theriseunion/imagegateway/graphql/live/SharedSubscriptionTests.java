package io.theriseunion.imagegateway.graphql.live;

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
import java.util.concurrent.TimeUnit;

import static io.theriseunion.imagegateway.support.GatewayClient.freshNamespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Subscriptions with the same selection and visibility share one execution (one result executed and serialised
 * per event, counted by {@code gateway.live.payloads}); another selection or another visibility is another
 * execution, and a subscriber never receives what its own bindings do not let it see. What is a subscriber's own
 * stays its own: revoking its token ends its subscription, not the shared one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:fanout;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data",
                                  "gateway.live.max-connections=1200",
                                  "gateway.live.max-connections-per-caller=1200"})
class SharedSubscriptionTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CHANGES = "subscription { repositoryChanged { type namespace name } }";

    @LocalServerPort
    int port;
    @Autowired
    MeterRegistry meters;

    private final HttpClient http = HttpClient.newHttpClient();

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    private double payloads() {
        return meters.get("gateway.live.payloads").counter().count();
    }

    private GraphQlWsSubscriber subscribe(String token, String document, Map<String, Object> variables) throws Exception {
        return GraphQlWsSubscriber.connect(http, port, token, document, variables).get(30, TimeUnit.SECONDS);
    }

    private void add(HttpGraphQlTester graphQl, String ns, String name) {
        Map<String, Object> input = new HashMap<>(GatewayClient.addInput(ns, name));
        input.put("retryCount", 0);
        graphQl.documentName("addRepository").fragmentName("repositoryFields").variable("input", input).execute()
               .path("addRepository.version").entity(Integer.class).isEqualTo(1);
    }

    private static String token(HttpGraphQlTester admin, String name, String namespace) {
        return admin.document("mutation($in: CreateApiTokenInput!) { createApiToken(input: $in) { token } }")
                    .variable("in", Map.of("name", name, "roles", List.of(Map.of("namespace", namespace, "role", "VIEWER"))))
                    .execute().path("createApiToken.token").entity(String.class).get();
    }

    private static List<String> statuses(GraphQlWsSubscriber s) {
        return s.data().stream().map(d -> d.path("syncStatusChanged"))
                .map(c -> c.path("name").asText() + ":" + c.path("syncStatus").asText()).toList();
    }

    @Test
    void subscribersOfOneSelectionShareOneExecutionPerEvent() throws Exception {
        HttpGraphQlTester graphQl = GatewayClient.graphQl(port);
        String ns = freshNamespace("shared");
        GatewayClient.ensureRegistry(graphQl, ns);
        String selection = "subscription($ns: String) { syncStatusChanged(namespace: $ns) { name syncStatus } }";
        String other = "subscription($ns: String) { syncStatusChanged(namespace: $ns) { name syncStatus previousStatus } }";
        double subscribersBefore = gauge("gateway.live.subscribers");
        double executionsBefore = gauge("gateway.live.executions");
        List<GraphQlWsSubscriber> same = new ArrayList<>();
        List<GraphQlWsSubscriber> all = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                same.add(subscribe(GatewayClient.ADMIN_TOKEN, selection, Map.of("ns", ns)));
            }
            GraphQlWsSubscriber otherSelection = subscribe(GatewayClient.ADMIN_TOKEN, other, Map.of("ns", ns));
            all.addAll(same);
            all.add(otherSelection);
            await().atMost(WAIT).until(() -> gauge("gateway.live.subscribers") >= subscribersBefore + 41);
            assertThat(gauge("gateway.live.executions")).isEqualTo(executionsBefore + 2);
            double payloadsBefore = payloads();

            add(graphQl, ns, "a");
            add(graphQl, ns, "b");
            add(graphQl, ns, "c");

            await().atMost(WAIT).until(() -> all.stream().allMatch(s -> List.of("a", "b", "c").stream().allMatch(
                    name -> statuses(s).stream().anyMatch(x -> x.equals(name + ":FAILED")))));
            List<String> seen = statuses(same.get(0));
            assertThat(same).allSatisfy(s -> assertThat(statuses(s)).containsExactlyElementsOf(seen));
            assertThat(otherSelection.data()).allSatisfy(d -> assertThat(d.path("syncStatusChanged").has("previousStatus")).isTrue());
            // 41 subscribers, two selections: each event executed and serialised twice, not 41 times
            assertThat(payloads() - payloadsBefore).isEqualTo(seen.size() + otherSelection.data().size());
            assertThat(otherSelection.data()).hasSize(seen.size());
        } finally {
            all.forEach(GraphQlWsSubscriber::close);
        }
        await().atMost(WAIT).until(() -> gauge("gateway.live.executions") <= executionsBefore);
    }

    @Test
    void aSubscriberSeesOnlyWhatItsBindingsShowAndItsRevokedTokenEndsOnlyItsOwnSubscription() throws Exception {
        HttpGraphQlTester admin = GatewayClient.graphQl(port);
        String nsA = freshNamespace("vis-a");
        String nsB = freshNamespace("vis-b");
        GatewayClient.ensureRegistry(admin, nsA);
        GatewayClient.ensureRegistry(admin, nsB);
        String a1 = token(admin, "watch-" + nsA, nsA);
        String a2 = token(admin, "watch2-" + nsA, nsA);
        String b = token(admin, "watch-" + nsB, nsB);
        double subscribersBefore = gauge("gateway.live.subscribers");
        double executionsBefore = gauge("gateway.live.executions");
        List<GraphQlWsSubscriber> all = new ArrayList<>();
        try {
            GraphQlWsSubscriber first = subscribe(a1, CHANGES, Map.of());
            GraphQlWsSubscriber second = subscribe(a2, CHANGES, Map.of());
            GraphQlWsSubscriber other = subscribe(b, CHANGES, Map.of());
            all.addAll(List.of(first, second, other));
            await().atMost(WAIT).until(() -> gauge("gateway.live.subscribers") >= subscribersBefore + 3);
            // the same document: one execution for the two viewers of A (same bindings), another for B's
            assertThat(gauge("gateway.live.executions")).isEqualTo(executionsBefore + 2);

            add(admin, nsA, "seen-by-a");
            add(admin, nsB, "seen-by-b");
            await().atMost(WAIT).until(() -> names(first).contains(nsA + "/seen-by-a")
                    && names(second).contains(nsA + "/seen-by-a") && names(other).contains(nsB + "/seen-by-b"));
            assertThat(first.data()).allSatisfy(d -> assertThat(d.path("repositoryChanged").path("namespace").asText()).isEqualTo(nsA));
            assertThat(second.data()).allSatisfy(d -> assertThat(d.path("repositoryChanged").path("namespace").asText()).isEqualTo(nsA));
            assertThat(other.data()).allSatisfy(d -> assertThat(d.path("repositoryChanged").path("namespace").asText()).isEqualTo(nsB));

            admin.document("mutation($n: String!) { revokeApiToken(name: $n) }").variable("n", "watch-" + nsA)
                 .execute().path("revokeApiToken").entity(Boolean.class).isEqualTo(true);
            await().atMost(WAIT).until(() -> first.errors() != null);
            assertThat(first.errors().findValuesAsText("code")).containsExactly("UNAUTHENTICATED");

            add(admin, nsA, "after-revoke");
            await().atMost(WAIT).until(() -> names(second).contains(nsA + "/after-revoke"));
            assertThat(second.errors()).isNull();
            assertThat(names(first)).doesNotContain(nsA + "/after-revoke");
        } finally {
            all.forEach(GraphQlWsSubscriber::close);
        }
    }

    private static List<String> names(GraphQlWsSubscriber s) {
        return s.data().stream().map(d -> d.path("repositoryChanged"))
                .map(c -> c.path("namespace").asText() + "/" + c.path("name").asText()).toList();
    }
}
