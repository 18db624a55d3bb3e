package io.theriseunion.imagegateway.app.webhook;

import io.theriseunion.imagegateway.registry.testing.LocalRegistry;
import io.theriseunion.imagegateway.registry.testing.PushedImage;
import io.theriseunion.imagegateway.support.GatewayClient;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.theriseunion.imagegateway.support.GatewayClient.freshNamespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Registry webhooks: the real docker-registry, configured to notify the gateway with the source's secret,
 * posts its own envelopes when an image is pushed; wrong secrets, duplicates, unknown images and pulls.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:webhooks;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data"})
class RegistryWebhookTests {

    private static final String ENVELOPE = "application/vnd.docker.distribution.events.v1+json";

    @LocalServerPort
    int port;

    HttpGraphQlTester admin;
    String ns;

    @BeforeEach
    void setUp() {
        admin = GatewayClient.graphQl(port);
        ns = freshNamespace("hook");
    }

    private void addRegistry(String name, String url) {
        admin.documentName("addRegistry").fragmentName("registryFields")
             .variable("input", Map.of("namespace", ns, "name", name, "url", url, "insecure", true)).execute()
             .path("addRegistry.name").entity(String.class).isEqualTo(name);
    }

    private Map<String, String> rotate(String name) {
        @SuppressWarnings("unchecked")
        Map<String, String> webhook = admin.document("mutation($ns: String!, $n: String!) {"
                                                             + " rotateRegistryWebhookSecret(namespace: $ns, name: $n) { url secret } }")
                                           .variable("ns", ns).variable("n", name).execute()
                                           .path("rotateRegistryWebhookSecret").entity(Map.class).get();
        return webhook;
    }

    private void addRepository(String name, String registry, String path, String tag) {
        Map<String, Object> input = new HashMap<>(Map.of("namespace", ns, "name", name, "registry", Map.of("name", registry),
                                                         "repository", path, "tag", tag, "syncInterval", "24h",
                                                         "retryCount", 0, "syncTimeout", "30s"));
        admin.documentName("addRepository").fragmentName("repositoryFields").variable("input", input).execute()
             .path("addRepository.version").entity(Integer.class).isEqualTo(1);
    }

    private Map<?, ?> repository(String name) {
        return admin.document("query($ns: String!, $n: String!) { repository(namespace: $ns, name: $n) { digest syncStatus"
                                      + " syncHistory(first: 5) { totalCount edges { node { trigger requestedBy status } } } } }")
                    .variable("ns", ns).variable("n", name).execute().path("repository").entity(Map.class).get();
    }

    private int runs(String name) {
        return ((Number) ((Map<?, ?>) repository(name).get("syncHistory")).get("totalCount")).intValue();
    }

    private int post(String registry, String secret, String body, MediaType type) {
        var request = GatewayClient.anonymousHttp(port).post().uri("/webhooks/registry/" + ns + "/" + registry)
                                   .contentType(type).bodyValue(body);
        if (secret != null) {
            request = request.header("Authorization", "Bearer " + secret);
        }
        return request.exchange().returnResult(String.class).getStatus().value();
    }

    private static String envelope(String action, String repository, String tag, String digest, String mediaType) {
        return "{\"events\":[{\"id\":\"e1\",\"timestamp\":\"2024-01-08T10:30:00Z\",\"action\":\"" + action + "\","
                + "\"target\":{\"mediaType\":\"" + mediaType + "\",\"repository\":\"" + repository + "\",\"tag\":\""
                + tag + "\",\"digest\":\"" + digest + "\"}}]}";
    }

    @Test
    void aPushOnTheRealRegistrySyncsTheRepositoryAtOnce() {
        addRegistry("edge", "https://127.0.0.1:9");
        Map<String, String> webhook = rotate("edge");
        assertThat(webhook.get("url")).endsWith("/webhooks/registry/" + ns + "/edge");
        assertThat(webhook.get("secret")).startsWith("whs_");
        try (LocalRegistry registry = LocalRegistry.builder()
                                                   .notifications(URI.create(webhook.get("url")), "Bearer " + webhook.get("secret"))
                                                   .start()) {
            admin.documentName("updateRegistry").fragmentName("registryFields")
                 .variable("input", Map.of("namespace", ns, "name", "edge", "url", registry.url().toString())).execute();
            PushedImage first = registry.images().pushDockerImage("team/web", "stable");
            addRepository("web", "edge", "team/web", "stable");
            await().atMost(Duration.ofSeconds(20)).until(() -> first.digest().equals(repository("web").get("digest")));

            long pushedAt = System.nanoTime();
            PushedImage moved = registry.images().repush("team/web", "stable");
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                   .until(() -> moved.digest().equals(repository("web").get("digest")));
            Duration pushToDigest = Duration.ofNanos(System.nanoTime() - pushedAt);

            List<?> history = (List<?>) ((Map<?, ?>) repository("web").get("syncHistory")).get("edges");
            Map<?, ?> latest = (Map<?, ?>) ((Map<?, ?>) history.get(0)).get("node");
            assertThat(latest.get("trigger")).isEqualTo("WEBHOOK");
            assertThat(latest.get("requestedBy")).isEqualTo("system:webhook");
            assertThat(pushToDigest).as("push to digest, without waiting for the 24h interval").isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void aWrongOrMissingSecretIsRefusedAndAudited() {
        addRegistry("quay", "https://127.0.0.1:9");
        Map<String, String> webhook = rotate("quay");
        String body = envelope("push", "team/web", "stable", "sha256:" + "1".repeat(64), "application/vnd.oci.image.manifest.v1+json");
        assertThat(post("quay", "whs_wrong", body, MediaType.parseMediaType(ENVELOPE))).isEqualTo(401);
        assertThat(post("quay", null, body, MediaType.parseMediaType(ENVELOPE))).isEqualTo(401);
        assertThat(post("quay", webhook.get("secret"), body, MediaType.parseMediaType(ENVELOPE))).isEqualTo(202);
        Map<String, String> rotated = rotate("quay");
        assertThat(post("quay", webhook.get("secret"), body, MediaType.parseMediaType(ENVELOPE)))
                .as("the old secret stops working once rotated").isEqualTo(401);
        assertThat(post("quay", rotated.get("secret"), body, MediaType.parseMediaType(ENVELOPE))).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                admin.document("query($ns: String) { auditLog(filter: {namespace: $ns, actions: [\"access.denied\","
                                       + " \"registry.webhook.rotated\"]}) { edges { node { action details } } } }")
                     .variable("ns", ns).execute().path("auditLog.edges[*].node.action").entityList(String.class).get())
                .contains("access.denied", "registry.webhook.rotated"));
    }

    @Test
    void duplicatesCoalesceAndUnknownImagesPullsAndBlobsAreIgnored() throws Exception {
        try (MockWebServer slow = new MockWebServer()) {
            // a registry that answers every manifest request after 2 s with 404: each run stays open that long
            slow.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return new MockResponse.Builder().code(404).headersDelay(2, TimeUnit.SECONDS).build();
                }
            });
            slow.start(InetAddress.getByName("127.0.0.1"), 0);
            addRegistry("slow", "http://127.0.0.1:" + slow.getPort());
            String secret = rotate("slow").get("secret");
            addRepository("app", "slow", "team/app", "v1");
            await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(repository("app").get("syncStatus")));
            int before = runs("app");
            MediaType type = MediaType.parseMediaType(ENVELOPE);
            String push = envelope("push", "team/app", "v1", "sha256:" + "2".repeat(64),
                                   "application/vnd.docker.distribution.manifest.v2+json");

            assertThat(post("slow", secret, push, type)).isEqualTo(202);
            assertThat(post("slow", secret, push, type)).isEqualTo(202);
            assertThat(post("slow", secret, envelope("pull", "team/app", "v1", "sha256:" + "3".repeat(64),
                                                     "application/vnd.docker.distribution.manifest.v2+json"), type))
                    .isEqualTo(202);
            assertThat(post("slow", secret, envelope("push", "team/app", "", "sha256:" + "4".repeat(64),
                                                     "application/octet-stream"), type)).isEqualTo(202);
            assertThat(post("slow", secret, envelope("push", "team/unknown", "v1", "sha256:" + "5".repeat(64),
                                                     "application/vnd.oci.image.manifest.v1+json"), type)).isEqualTo(202);
            assertThat(post("slow", secret, "{\"type\":\"PUSH_ARTIFACT\",\"event_data\":{\"resources\":[{\"digest\":"
                    + "\"sha256:" + "6".repeat(64) + "\",\"tag\":\"v1\"}],\"repository\":{\"repo_full_name\":\"team/app\"}}}",
                            MediaType.APPLICATION_JSON)).isEqualTo(202);
            assertThat(post("slow", secret, "not json", MediaType.APPLICATION_JSON)).isEqualTo(400);

            await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(repository("app").get("syncStatus"))
                    && runs("app") > before);
            // the pushes while one run was open joined it: no second run appears once it has finished
            await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5))
                   .until(() -> runs("app") == before + 1);
        }
    }
}
