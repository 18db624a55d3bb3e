package io.theriseunion.imagegateway.app.web;

import io.theriseunion.imagegateway.support.CrossOrigin;
import io.theriseunion.imagegateway.support.GatewayClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * gateway.cors.allowed-origins left empty (the default): no CORS header anywhere, so a browser lets only pages of
 * the gateway's own origin read its answers; the WebSocket refuses pages of other origins.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:screens;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data"})
class CorsDefaultTests {

    private static final String CONSOLE = "https://console.example.com";

    @LocalServerPort
    int port;

    @Test
    void noOriginGetsCorsHeaders() {
        GatewayClient.anonymousHttp(port).method(HttpMethod.OPTIONS).uri("/graphql")
                     .headers(h -> CrossOrigin.preflight(h, CONSOLE)).exchange()
                     .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        GatewayClient.http(port).post().uri("/graphql").header(HttpHeaders.ORIGIN, CONSOLE)
                     .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"query\":\"{ me { name } }\"}").exchange()
                     .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        GatewayClient.http(port).get().uri("/oapis/image.theriseunion.io/v1alpha1/repositories")
                     .header(HttpHeaders.ORIGIN, CONSOLE).exchange()
                     .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    @Test
    void theWebSocketOpensOnlyForItsOwnOriginAndClientsWithoutOne() throws Exception {
        assertThat(CrossOrigin.webSocketOpens(port, CONSOLE)).isFalse();
        assertThat(CrossOrigin.webSocketOpens(port, "http://localhost:" + port)).isTrue();
        assertThat(CrossOrigin.webSocketOpens(port, null)).isTrue();
    }
}
