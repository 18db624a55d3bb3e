package io.theriseunion.imagegateway.app.webhook;

import io.theriseunion.imagegateway.support.GatewayClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.theriseunion.imagegateway.support.GatewayClient.freshNamespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an unauthenticated caller can make the gateway store through its one open endpoint: nothing for a path
 * that names no source (the review's critical request included), and for a real source one audit entry per
 * interval, however many calls it refuses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:webhook-refusals;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data",
                                  "gateway.webhook.refusal-interval=3s",
                                  "gateway.webhook.max-refusals-per-interval=5"})
class WebhookRefusalTests {

    @LocalServerPort
    int port;

    HttpGraphQlTester admin;
    String ns;

    @BeforeEach
    void setUp() {
        admin = GatewayClient.graphQl(port);
        ns = freshNamespace("refused");
    }

    private EntityExchangeResult<String> post(String path, String secret) {
        return GatewayClient.anonymousHttp(port).post().uri(path).header("Authorization", "Bearer " + secret)
                            .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"events\":[]}")
                            .exchange().expectBody(String.class).returnResult();
    }

    private List<Map<String, Object>> audit(String namespace) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        List<Map<String, Object>> entries = (List) admin
                .document("query($ns: String) { auditLog(filter: {namespace: $ns}, first: 200) {"
                                  + " edges { node { action targetName details } } } }")
                .variable("ns", namespace).execute().path("auditLog.edges[*].node").entityList(Map.class).get();
        return entries;
    }

    private void addRegistry(String name) {
        admin.documentName("addRegistry").fragmentName("registryFields")
             .variable("input", Map.of("namespace", ns, "name", name, "url", "https://127.0.0.1:9", "insecure", true))
             .execute().path("addRegistry.name").entity(String.class).isEqualTo(name);
    }

    @Test
    void theReviewsCriticalRequestStoresNothingAndTheAuditLogGoesOn() {
        EntityExchangeResult<String> critical = post("/webhooks/registry/" + "a".repeat(300) + "/x", "wrong");
        assertThat(critical.getStatus().value()).isEqualTo(404);
        assertThat(critical.getResponseBody()).contains("NOT_FOUND").doesNotContain("aaaa");
        assertThat(post("/webhooks/registry/" + ns + "/no-such-source", "wrong").getStatus().value()).isEqualTo(404);
        assertThat(post("/webhooks/registry/" + ns.toUpperCase() + "/x", "wrong").getStatus().value()).isEqualTo(404);

        addRegistry("after");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(audit(ns))
                .extracting(e -> e.get("action")).contains("registry.added").doesNotContain("access.denied"));
        assertThat(audit("a".repeat(63))).isEmpty();
    }

    @Test
    void refusalsForARealSourceAreFoldedIntoOneEntryPerIntervalAndLimited() {
        addRegistry("quay");
        String path = "/webhooks/registry/" + ns + "/quay";
        List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            statuses.add(post(path, "whs_wrong-" + i).getStatus().value());
        }
        assertThat(statuses).containsExactly(401, 401, 401, 401, 401, 429, 429, 429);
        EntityExchangeResult<String> limited = post(path, "whs_wrong");
        assertThat(limited.getResponseHeaders().getFirst("Retry-After")).matches("[1-3]");

        // the first refusal at once; the other eight of the interval in one entry with their count once it ends
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<Map<String, Object>> refusals = audit(ns).stream()
                                                          .filter(e -> "access.denied".equals(e.get("action"))).toList();
            assertThat(refusals).hasSize(2);
            assertThat(refusals).extracting(e -> (Object) ((Map<?, ?>) e.get("details")).get("count"))
                                .containsExactlyInAnyOrder(null, (Object) 8);
        });
        // and nothing more while nobody calls
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> audit(ns).stream()
                .filter(e -> "access.denied".equals(e.get("action"))).count() == 2);
    }
}
