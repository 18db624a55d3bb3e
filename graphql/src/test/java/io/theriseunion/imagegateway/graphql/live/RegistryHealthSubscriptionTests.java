package io.theriseunion.imagegateway.graphql.live;

import io.micrometer.core.instrument.MeterRegistry;
import io.theriseunion.imagegateway.registry.testing.LocalRegistry;
import io.theriseunion.imagegateway.support.GatewayClient;
import io.theriseunion.imagegateway.support.TcpRelay;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import reactor.core.Disposable;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.theriseunion.imagegateway.support.GatewayClient.freshNamespace;
import static io.theriseunion.imagegateway.support.TcpRelay.closedPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code registryHealthChanged} over a real WebSocket while a source's health really changes: the source points
 * at a closed loopback port (UNREACHABLE), then Debian's docker-registry answers on that port through a relay
 * (HEALTHY), then the relay stops (UNREACHABLE again). Each change is pushed with the source as it is after it;
 * who gets it is who may read the source.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {"spring.datasource.url=jdbc:h2:mem:registry-health-live;DB_CLOSE_DELAY=-1",
                              "gateway.data-dir=target/test-data",
                              "gateway.registry.health-interval=1s", "gateway.sync.circuit.probe-interval=1s"})
class RegistryHealthSubscriptionTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DOCUMENT = """
            subscription($namespace: String) {
              registryHealthChanged(namespace: $namespace) {
                namespace name health previousHealth healthDetail at
                registry { namespace name health healthDetail lastCheckedAt unavailableSince repositoryCount }
              }
            }""";

    static LocalRegistry registry;

    @LocalServerPort
    int port;
    @Autowired
    MeterRegistry meters;

    @BeforeAll
    static void startRegistry() {
        registry = LocalRegistry.anonymous();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    private String token(String namespace, String role) {
        return GatewayClient.graphQl(port)
                            .document("mutation($in: CreateApiTokenInput!) { createApiToken(input: $in) { token } }")
                            .variable("in", Map.of("name", freshNamespace("t"),
                                                   "roles", List.of(Map.of("namespace", namespace, "role", role))))
                            .execute().path("createApiToken.token").entity(String.class).get();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSourceGoingDownAndComingBackIsPushedToThoseWhoMayReadIt() throws Exception {
        String ns = freshNamespace("health");
        String viewer = token(ns, "VIEWER");
        String outsider = token(ns + "-other", "VIEWER");
        double before = subscribers();
        List<Disposable> open = new CopyOnWriteArrayList<>();
        List<Map<String, Object>> admin = new CopyOnWriteArrayList<>();
        List<Map<String, Object>> reader = new CopyOnWriteArrayList<>();
        List<Map<String, Object>> otherNamespace = new CopyOnWriteArrayList<>();
        List<Map<String, Object>> notAllowed = new CopyOnWriteArrayList<>();
        open.add(listen(GatewayClient.ADMIN_TOKEN, ns, admin));
        open.add(listen(viewer, null, reader));
        open.add(listen(GatewayClient.ADMIN_TOKEN, ns + "-other", otherNamespace));
        open.add(listen(outsider, null, notAllowed));
        // the first check follows the add at once: subscribed before it
        await().atMost(WAIT).until(() -> subscribers() >= before + 4);

        int refused = closedPort();
        HttpGraphQlTester graphQl = GatewayClient.graphQl(port);
        graphQl.documentName("addRegistry").fragmentName("registryFields")
               .variable("input", Map.of("namespace", ns, "name", "returning", "url", "http://127.0.0.1:" + refused,
                                         "insecure", true))
               .execute().path("addRegistry.health").entity(String.class).isEqualTo("UNKNOWN");

        Map<String, Object> down = awaitPushed(admin, "UNREACHABLE", 1);
        assertThat(down).containsEntry("namespace", ns).containsEntry("name", "returning")
                        .containsEntry("previousHealth", "UNKNOWN");
        assertThat((String) down.get("healthDetail")).contains("no answer from 127.0.0.1:" + refused);
        Map<String, Object> downSource = (Map<String, Object>) down.get("registry");
        assertThat(downSource).containsEntry("health", "UNREACHABLE").containsEntry("repositoryCount", 0)
                              .containsEntry("healthDetail", down.get("healthDetail"));
        assertThat(downSource.get("lastCheckedAt")).isNotNull();
        assertThat(downSource.get("unavailableSince")).as("the check opened the source's breaker").isNotNull();

        try (TcpRelay comesUp = new TcpRelay(refused, registry.port())) {
            Map<String, Object> up = awaitPushed(admin, "HEALTHY", 2);
            assertThat(up).containsEntry("previousHealth", "UNREACHABLE");
            assertThat((Map<String, Object>) up.get("registry")).containsEntry("health", "HEALTHY")
                                                                 .containsEntry("unavailableSince", null);
            assertThat(comesUp.connections()).isPositive();
        }
        Map<String, Object> downAgain = awaitPushed(admin, "UNREACHABLE", 3);
        assertThat(downAgain).containsEntry("previousHealth", "HEALTHY");

        // the same three changes for a reader of the namespace (no namespace argument: every source it may read)
        await().atMost(WAIT).untilAsserted(() -> assertThat(reader).filteredOn(e -> ns.equals(e.get("namespace")))
                .extracting(e -> e.get("health")).containsExactly("UNREACHABLE", "HEALTHY", "UNREACHABLE"));
        assertThat(otherNamespace).isEmpty();
        assertThat(notAllowed).filteredOn(e -> ns.equals(e.get("namespace"))).isEmpty();
        open.forEach(Disposable::dispose);
    }

    private double subscribers() {
        return meters.get("gateway.live.subscribers").gauge().value();
    }

    @SuppressWarnings("unchecked")
    private Disposable listen(String token, String namespace, List<Map<String, Object>> into) {
        return GatewayClient.webSocket(port, token).document(DOCUMENT).variable("namespace", namespace)
                            .executeSubscription().toFlux("registryHealthChanged", Map.class)
                            .subscribe(e -> into.add((Map<String, Object>) e));
    }

    /** The admin's n-th change in the namespace, once it has come; it must say this health. */
    private static Map<String, Object> awaitPushed(List<Map<String, Object>> seen, String health, int n) {
        await().atMost(WAIT).until(() -> seen.size() >= n);
        Map<String, Object> change = seen.get(n - 1);
        assertThat(change).containsEntry("health", health);
        return change;
    }
}
