package io.theriseunion.imagegateway.app.registrysource;

import io.theriseunion.imagegateway.support.GatewayClient;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;

import static io.theriseunion.imagegateway.support.GatewayClient.freshNamespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway as it starts with no configuration refuses registries on loopback addresses, says which setting
 * re-opens them, and sends them nothing (the test suites set allow-loopback=true; this one puts the default back).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:loopback-policy;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data", "gateway.registry.network.allow-loopback=false"})
class LoopbackPolicyTests {

    @LocalServerPort
    int port;

    @Test
    void aSourceOnLoopbackFailsWithForbiddenHostNamingTheSettingThatAllowsIt() throws IOException {
        HttpGraphQlTester graphQl = GatewayClient.graphQl(port);
        String ns = freshNamespace("lo");
        try (MockWebServer local = new MockWebServer()) {
            local.start(InetAddress.getByName("127.0.0.1"), 0);
            graphQl.documentName("addRegistry").fragmentName("registryFields")
                   .variable("input", Map.of("namespace", ns, "name", "local", "insecure", true,
                                             "url", "http://127.0.0.1:" + local.getPort()))
                   .execute().path("addRegistry.name").entity(String.class).isEqualTo("local");
            graphQl.documentName("addRepository").fragmentName("repositoryFields")
                   .variable("input", Map.of("namespace", ns, "name", "probe", "registry", Map.of("name", "local"),
                                             "repository", "library/nginx", "tag", "latest"))
                   .execute().path("addRepository.version").entity(Integer.class).isEqualTo(1);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> graphQl
                    .documentName("syncStatus").variable("namespace", ns).variable("name", "probe").execute()
                    .path("repository.syncStatus").entity(String.class).isEqualTo("FAILED")
                    .path("repository.lastError.code").entity(String.class).isEqualTo("FORBIDDEN_HOST")
                    .path("repository.lastError.message").entity(String.class).isEqualTo(
                            "registry address 127.0.0.1 is denied by the gateway's network policy (127.0.0.0/8,"
                            + " loopback is denied by default; gateway.registry.network.allow-loopback=true allows"
                            + " it); nothing was sent for library/nginx:latest"));
            assertThat(local.getRequestCount()).isZero();
        }
    }
}
