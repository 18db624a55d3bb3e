package io.theriseunion.imagegateway.app.registrysource;

import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.SyncTarget;
import io.theriseunion.imagegateway.domain.sync.RegistryPort;
import io.theriseunion.imagegateway.domain.sync.SyncAttempt;
import io.theriseunion.imagegateway.domain.sync.SyncOutcome;
import io.theriseunion.imagegateway.domain.sync.SyncStep;
import io.theriseunion.imagegateway.support.GatewayClient;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.theriseunion.imagegateway.support.GatewayClient.freshNamespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A registry cannot make a sync do unbounded work: endless tag pages and wide indexes end the sync with
 * LIMIT_EXCEEDED naming the setting, and a registry that never answers is cut off at the run's deadline. These
 * are answers a real registry does not give, so they come from a MockWebServer; the limits are set low here.
 * The client's own read timeout is 10 minutes, so only the deadline can end a hanging call.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:registry-limits;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data", "gateway.registry.limits.tag-pages=3",
                                  "gateway.registry.limits.index-entries=2", "gateway.registry.read-timeout=10m"})
class RegistryAnswerLimitsTests {

    private static final String INDEX_TYPE = "application/vnd.oci.image.index.v1+json";

    @LocalServerPort
    int port;
    @Autowired
    RegistryPort registries;

    private final MockWebServer server = new MockWebServer();
    private final AtomicInteger tagPages = new AtomicInteger();
    private HttpGraphQlTester graphQl;
    private String ns;

    @BeforeEach
    void start() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        graphQl = GatewayClient.graphQl(port);
        ns = freshNamespace("lim");
        graphQl.documentName("addRegistry").fragmentName("registryFields")
               .variable("input", Map.of("namespace", ns, "name", "hostile", "insecure", true,
                                         "url", "http://127.0.0.1:" + server.getPort()))
               .execute().path("addRegistry.name").entity(String.class).isEqualTo("hostile");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** {@code endless/app}: an empty index and tag pages without end; {@code wide/app}: an index of 3 entries. */
    private MockResponse answer(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (path.startsWith("/v2/hang/")) {
            return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
        }
        if (path.equals("/v2/endless/app/tags/list")) {
            return new MockResponse.Builder().setHeader("Content-Type", "application/json").body("{\"tags\":[]}")
                    .setHeader("Link", "</v2/endless/app/tags/list?last=" + tagPages.incrementAndGet()
                            + ">; rel=\"next\"").build();
        }
        if (path.startsWith("/v2/endless/app/manifests/")) {
            return manifest(index(0), request.getMethod());
        }
        if (path.startsWith("/v2/wide/app/manifests/")) {
            return manifest(index(3), request.getMethod());
        }
        return new MockResponse.Builder().code(404).build();
    }

    private static String index(int entries) {
        String manifests = IntStream.range(0, entries).mapToObj(i -> "{\"mediaType\":"
                + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + sha256("child " + i)
                + "\",\"size\":100,\"platform\":{\"os\":\"linux\",\"architecture\":\"arch" + i + "\"}}")
                .collect(Collectors.joining(","));
        return "{\"schemaVersion\":2,\"mediaType\":\"" + INDEX_TYPE + "\",\"manifests\":[" + manifests + "]}";
    }

    private static MockResponse manifest(String json, String method) {
        MockResponse.Builder answer = new MockResponse.Builder().setHeader("Content-Type", INDEX_TYPE)
                .setHeader("Docker-Content-Digest", sha256(json));
        return method.equals("HEAD")
                ? answer.setHeader("Content-Length", json.getBytes(StandardCharsets.UTF_8).length).build()
                : answer.body(json).build();
    }

    private static String sha256(String text) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                                                                     .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private GraphQlTester.Response syncFails(String name, String path) {
        graphQl.documentName("addRepository").fragmentName("repositoryFields")
               .variable("input", Map.of("namespace", ns, "name", name, "registry", Map.of("name", "hostile"),
                                         "repository", path, "tag", "latest", "syncTimeout", "10m"))
               .execute().path("addRepository.version").entity(Integer.class).isEqualTo(1);
        GraphQlTester.Response[] last = new GraphQlTester.Response[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            last[0] = graphQl.documentName("syncStatus").variable("namespace", ns).variable("name", name).execute();
            last[0].path("repository.syncStatus").entity(String.class).isEqualTo("FAILED");
        });
        return last[0];
    }

    @Test
    void endlessEmptyTagPagesEndTheSyncWithLimitExceeded() {
        syncFails("endless", "endless/app")
                .path("repository.lastError.code").entity(String.class).isEqualTo("LIMIT_EXCEEDED")
                .path("repository.lastError.message").entity(String.class)
                .isEqualTo("registry 127.0.0.1:" + server.getPort() + " sent more than 3 tag-list pages for tags of"
                                   + " endless/app; the limit is gateway.registry.limits.tag-pages = 3")
                .path("repository.syncHistory.edges[0].node.attempts").entity(Integer.class).isEqualTo(1);
        assertThat(tagPages.get()).isEqualTo(3);
    }

    @Test
    void aWideIndexEndsTheSyncWithLimitExceeded() {
        syncFails("wide", "wide/app")
                .path("repository.lastError.code").entity(String.class).isEqualTo("LIMIT_EXCEEDED")
                .path("repository.lastError.message").entity(String.class)
                .satisfies(m -> assertThat(m).contains("an index of 3 entries")
                                             .endsWith("the limit is gateway.registry.limits.index-entries = 2"));
    }

    @Test
    @Timeout(120)
    void aRegistryThatNeverAnswersIsCutOffAtTheRunsDeadline() {
        Instant deadline = Instant.now().plusSeconds(1);
        SyncTarget target = new SyncTarget(ns, "hanging", new RegistryRef(ns, "hostile"), "hang/app", "latest", "10m",
                                           0, null, true);

        SyncStep step = registries.attempt(new SyncAttempt(target, 0, Instant.now(), deadline));

        assertThat(step).isInstanceOf(SyncStep.Finished.class);
        SyncOutcome outcome = ((SyncStep.Finished) step).outcome();

        assertThat(outcome.error()).isNotNull();
        assertThat(outcome.error().code()).isEqualTo("TIMEOUT");
        assertThat(outcome.error().message()).isEqualTo("registry 127.0.0.1:" + server.getPort()
                + " did not answer before the deadline (" + deadline + ") for hang/app:latest");
    }
}
