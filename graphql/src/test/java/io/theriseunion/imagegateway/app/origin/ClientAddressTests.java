package io.theriseunion.imagegateway.app.origin;

import io.theriseunion.imagegateway.support.GatewayClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;

import static io.theriseunion.imagegateway.support.GatewayClient.freshNamespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit log's client address behind trusted proxies (here the test client's own 127.0.0.1 and 10.0.0.0/8):
 * X-Forwarded-For is read from the right and the first address that is not a trusted proxy is the client; what
 * lies left of it, which the client itself may have written, is never believed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:proxies;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data",
                                  "gateway.security.trusted-proxies=127.0.0.1/32, 10.0.0.0/8"})
class ClientAddressTests {

    @LocalServerPort
    int port;

    private String addressOfRegistryAdded(String forwardedFor) {
        String ns = freshNamespace("xff");
        HttpGraphQlTester admin = GatewayClient.graphQl(port).mutate()
                                               .webTestClient(c -> c.defaultHeader("X-Forwarded-For", forwardedFor))
                                               .build();
        GatewayClient.ensureRegistry(admin, ns);
        HttpGraphQlTester reader = GatewayClient.graphQl(port);
        String query = "query($ns: String) { auditLog(filter: {namespace: $ns, actions: [\"registry.added\"]}) {"
                + " edges { node { clientAddress } } } }";
        await().atMost(Duration.ofSeconds(20)).until(() -> !reader.document(query).variable("ns", ns).execute()
                .path("auditLog.edges").entityList(Object.class).get().isEmpty());
        return reader.document(query).variable("ns", ns).execute().path("auditLog.edges[0].node.clientAddress")
                     .entity(String.class).get();
    }

    @Test
    void theRightMostAddressThatIsNotATrustedProxyIsTheClient() {
        assertThat(addressOfRegistryAdded("198.51.100.9, 203.0.113.7, 10.1.2.3")).isEqualTo("203.0.113.7");
    }

    @Test
    void aMalformedHopStopsTheWalkAtTheProxyThatPassedItOn() {
        assertThat(addressOfRegistryAdded("evil.example, 10.1.2.3")).isEqualTo("10.1.2.3");
    }

    @Test
    void onlyTrustedProxiesMeansTheLeftMostOfThem() {
        assertThat(addressOfRegistryAdded("10.9.9.9, 10.1.2.3")).isEqualTo("10.9.9.9");
    }
}
