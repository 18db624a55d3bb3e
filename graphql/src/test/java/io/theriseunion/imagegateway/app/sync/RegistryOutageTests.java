package io.theriseunion.imagegateway.app.sync;

import io.micrometer.core.instrument.MeterRegistry;
import io.theriseunion.imagegateway.registry.testing.LocalRegistry;
import io.theriseunion.imagegateway.support.GatewayClient;
import io.theriseunion.imagegateway.support.TcpRelay;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.theriseunion.imagegateway.support.GatewayClient.freshNamespace;
import static io.theriseunion.imagegateway.support.TcpRelay.closedPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A registry source that is down (its port refuses connections) costs nothing and holds up no other source:
 * its syncs end as SOURCE_UNAVAILABLE once its breaker is open, and sync again by themselves when a registry
 * answers on its port. The healthy registry is Debian's docker-registry; the down one is a closed loopback port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
@TestPropertySource(properties = {"gateway.data-dir=target/test-data", "db-scheduler.polling-interval=1s",
                                  "spring.datasource.url=jdbc:h2:mem:outage;DB_CLOSE_DELAY=-1",
                                  "gateway.sync.circuit.probe-interval=2s"})
class RegistryOutageTests {

    static LocalRegistry anonymous;

    @LocalServerPort
    int port;
    @Autowired
    MeterRegistry meters;

    HttpGraphQlTester graphQl;
    String ns;

    @BeforeAll
    static void registry() {
        anonymous = LocalRegistry.anonymous();
        anonymous.images().pushDockerImage("library/nginx", "latest");
    }

    @AfterAll
    static void stop() {
        anonymous.close();
    }

    @BeforeEach
    void connect() {
        graphQl = GatewayClient.graphQl(port);
        ns = freshNamespace("o");
        addRegistry("local", anonymous.url().toString());
    }

    @Test
    void aHealthySourceSyncsWhileThousandsOfSyncsOfARefusedSourceEndAsSourceUnavailable()
            throws IOException {
        addRegistry("down", "http://127.0.0.1:" + closedPort());
        for (int batch = 0; batch < 4; batch++) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                items.add(repository(String.format("held-%04d", batch * 500 + i), "down"));
            }
            graphQl.documentName("addRepositories").variable("input", items).execute()
                   .path("addRepositories.succeeded").entity(Integer.class).isEqualTo(500);
        }

        addRepository("healthy", "local");
        // about a second on an idle machine (the refused source's 2,000 requests are queued first); the bound is
        // generous for a loaded one: speed is the benchmarks' business, not a test's
        await().atMost(Duration.ofSeconds(60)).untilAsserted(
                () -> status("healthy").path("repository.syncStatus").entity(String.class).isEqualTo("SUCCESS"));

        await().atMost(Duration.ofSeconds(180)).untilAsserted(() -> {
            outage("down").path("registry.unavailableSince").hasValue()
                          .path("registry.syncBacklog.queued").entity(Integer.class).isEqualTo(0)
                          .path("registry.syncBacklog.running").entity(Integer.class).isEqualTo(0)
                          .path("registry.syncBacklog.waiting").entity(Integer.class).isEqualTo(0);
            for (String name : List.of("held-1999", "held-1000", "held-0500")) {
                status(name).path("repository.syncStatus").entity(String.class).isEqualTo("FAILED")
                            .path("repository.lastError.code").entity(String.class).isEqualTo("SOURCE_UNAVAILABLE")
                            .path("repository.lastError.message").entity(String.class)
                            .satisfies(m -> assertThat(m).contains(ns + "/down").contains("unavailable since"))
                            .path("repository.syncHistory.edges[0].node.attempts").entity(Integer.class)
                            .isEqualTo(0);
            }
        });
        assertThat(meters.get("gateway.sync.circuit.open").tag("source", ns + "/down").gauge().value()).isEqualTo(1);
        assertThat(meters.get("gateway.sync.circuit.open").tag("source", ns + "/local").gauge().value()).isEqualTo(0);
        outage("local").path("registry.unavailableSince").valueIsNull();
    }

    @Test
    void whenARegistryAnswersOnTheRefusedPortItsHeldRepositoriesSyncAgainByThemselves() throws IOException {
        int refused = closedPort();
        addRegistry("returning", "http://127.0.0.1:" + refused);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> outage("returning").path("registry.unavailableSince").hasValue()
                                         .path("registry.health").entity(String.class).isEqualTo("UNREACHABLE"));
        List<Map<String, Object>> items = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            names.add("back-" + i);
            items.add(repository("back-" + i, "returning"));
        }
        graphQl.documentName("addRepositories").variable("input", items).execute()
               .path("addRepositories.succeeded").entity(Integer.class).isEqualTo(20);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String name : names) {
                // lastError is null until the run fails: its status first, so that a try before is only a miss
                status(name).path("repository.syncStatus").entity(String.class).isEqualTo("FAILED")
                            .path("repository.lastError.code").entity(String.class).isEqualTo("SOURCE_UNAVAILABLE");
            }
        });

        try (TcpRelay registryBack = new TcpRelay(refused, anonymous.port())) {
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                for (String name : names) {
                    status(name).path("repository.syncStatus").entity(String.class).isEqualTo("SUCCESS")
                                .path("repository.syncHistory.edges[0].node.requestedBy").entity(String.class)
                                .isEqualTo("system:health-check");
                }
                outage("returning").path("registry.unavailableSince").valueIsNull()
                                   .path("registry.health").entity(String.class).isEqualTo("HEALTHY")
                                   .path("registry.syncBacklog.queued").entity(Integer.class).isEqualTo(0)
                                   .path("registry.syncBacklog.running").entity(Integer.class).isEqualTo(0)
                                   .path("registry.syncBacklog.waiting").entity(Integer.class).isEqualTo(0);
            });
            assertThat(registryBack.connections()).isPositive();
        }
        assertThat(meters.get("gateway.sync.circuit.open").tag("source", ns + "/returning").gauge().value())
                .isEqualTo(0);
    }

    private void addRegistry(String name, String url) {
        graphQl.documentName("addRegistry").fragmentName("registryFields")
               .variable("input", Map.of("namespace", ns, "name", name, "url", url, "insecure", true,
                                         "concurrencyLimit", 2))
               .execute().path("addRegistry.name").entity(String.class).isEqualTo(name);
    }

    private Map<String, Object> repository(String name, String registry) {
        return new HashMap<>(Map.of("namespace", ns, "name", name, "registry", Map.of("name", registry),
                                    "repository", "library/nginx", "tag", "latest", "syncTimeout", "30s"));
    }

    private void addRepository(String name, String registry) {
        graphQl.documentName("addRepository").fragmentName("repositoryFields")
               .variable("input", repository(name, registry)).execute()
               .path("addRepository.version").entity(Integer.class).isEqualTo(1);
    }

    private GraphQlTester.Response status(String name) {
        return graphQl.documentName("syncStatus").variable("namespace", ns).variable("name", name).execute();
    }

    private GraphQlTester.Response outage(String registry) {
        return graphQl.documentName("registryOutage").variable("namespace", ns).variable("name", registry).execute();
    }
}
