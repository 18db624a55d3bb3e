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
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * gateway.cors.allowed-origins set: a console of an allowed origin gets its preflights answered without a token,
 * and the CORS headers on its requests to /graphql, /oapis and the audit export, and opens the WebSocket; a page of
 * any other origin gets none of it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:cors;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data",
                                  "gateway.cors.allowed-origins=https://console.example.com, http://localhost:5173"})
class CorsTests {

    private static final String CONSOLE = "https://console.example.com";
    private static final String OTHER = "https://evil.example.com";

    @LocalServerPort
    int port;

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredWithoutAToken() {
        for (String path : List.of("/graphql", "/oapis/image.theriseunion.io/v1alpha1/namespaces/default/repositories",
                                   "/audit/export")) {
            GatewayClient.anonymousHttp(port).method(HttpMethod.OPTIONS).uri(path)
                         .headers(h -> CrossOrigin.preflight(h, CONSOLE)).exchange()
                         .expectStatus().isOk()
                         .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, CONSOLE)
                         .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, allowed ->
                                 assertThat(allowed.toLowerCase()).contains("authorization").contains("content-type"))
                         .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, methods ->
                                 assertThat(methods).contains("POST"));
        }
        GatewayClient.anonymousHttp(port).method(HttpMethod.OPTIONS).uri("/graphql")
                     .headers(h -> CrossOrigin.preflight(h, "http://localhost:5173")).exchange()
                     .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:5173");
    }

    @Test
    void requestsFromAnAllowedOriginCarryTheHeaders() {
        GatewayClient.http(port).post().uri("/graphql").header(HttpHeaders.ORIGIN, CONSOLE)
                     .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"query\":\"{ me { name } }\"}").exchange()
                     .expectStatus().isOk()
                     .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, CONSOLE)
                     .expectBody().jsonPath("$.data.me.name").isEqualTo("admin");
        GatewayClient.http(port).get().uri("/oapis/image.theriseunion.io/v1alpha1/repositories")
                     .header(HttpHeaders.ORIGIN, CONSOLE).exchange()
                     .expectStatus().isOk()
                     .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, CONSOLE);
    }

    @Test
    void anyOtherOriginGetsNoHeadersAndIsRefused() throws Exception {
        WebTestClient anonymous = GatewayClient.anonymousHttp(port);
        anonymous.method(HttpMethod.OPTIONS).uri("/graphql").headers(h -> CrossOrigin.preflight(h, OTHER)).exchange()
                 .expectStatus().isForbidden()
                 .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        GatewayClient.http(port).post().uri("/graphql").header(HttpHeaders.ORIGIN, OTHER)
                     .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"query\":\"{ me { name } }\"}").exchange()
                     .expectStatus().isForbidden()
                     .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        assertThat(CrossOrigin.webSocketOpens(port, OTHER)).isFalse();
    }

    @Test
    void theWebSocketOpensForAnAllowedOriginItsOwnAndClientsWithoutOne() throws Exception {
        assertThat(CrossOrigin.webSocketOpens(port, CONSOLE)).isTrue();
        assertThat(CrossOrigin.webSocketOpens(port, "http://localhost:" + port)).isTrue();
        assertThat(CrossOrigin.webSocketOpens(port, null)).isTrue();
    }
}
