package io.theriseunion.imagegateway.support;

import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;
import reactor.core.publisher.Mono;

import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** A GraphQL client over real HTTP against a running gateway, and the inputs tests send it. */
public final class GatewayClient {

    private GatewayClient() {
    }

    /** The cluster-admin token the tests configure (src/test/resources/application.properties). */
    public static final String ADMIN_TOKEN = "test-admin-token-for-the-gateway-tests";

    public static WebTestClient http(int port) {
        return anonymousHttp(port).mutate().defaultHeader("Authorization", "Bearer " + ADMIN_TOKEN).build();
    }

    /** A client that sends no credentials. */
    public static WebTestClient anonymousHttp(int port) {
        return WebTestClient.bindToServer()
                            .baseUrl("http://localhost:" + port)
                            .responseTimeout(Duration.ofSeconds(60))
                            .codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                            .build();
    }

    /** GraphQL over HTTP as the cluster admin. */
    public static HttpGraphQlTester graphQl(int port) {
        return graphQl(port, ADMIN_TOKEN);
    }

    /** GraphQL over HTTP with a bearer token; null for none. */
    public static HttpGraphQlTester graphQl(int port, String token) {
        WebTestClient.Builder client = anonymousHttp(port).mutate().baseUrl("http://localhost:" + port + "/graphql");
        if (token != null) {
            client.defaultHeader("Authorization", "Bearer " + token);
        }
        return HttpGraphQlTester.create(client.build());
    }

    /** GraphQL over a WebSocket, authenticated in connection_init with the token (null: none). */
    public static WebSocketGraphQlTester webSocket(int port, String token) {
        return WebSocketGraphQlTester.builder(java.net.URI.create("ws://localhost:" + port + "/graphql"),
                                              new StandardWebSocketClient())
                                     .interceptor(new WebSocketGraphQlClientInterceptor() {
                                         @Override
                                         public Mono<Object> connectionInitPayload() {
                                             return token == null ? Mono.empty()
                                                     : Mono.just(Map.of("Authorization", "Bearer " + token));
                                         }
                                     })
                                     .build();
    }

    /** An AddRepositoryInput for library/nginx:latest from harbor-prod. */
    public static Map<String, Object> addInput(String namespace, String name) {
        Map<String, Object> input = new HashMap<>();
        input.put("namespace", namespace);
        input.put("name", name);
        input.put("registry", Map.of("name", "harbor-prod"));
        input.put("repository", "library/nginx");
        input.put("tag", "latest");
        return input;
    }

    /** Adds the registry source {@code harbor-prod} in a namespace, unless it is there already. */
    public static void ensureRegistry(HttpGraphQlTester graphQl, String namespace) {
        graphQl.documentName("addRegistry").fragmentName("registryFields")
               .variable("input", Map.of("namespace", namespace, "name", "harbor-prod",
                                         "url", "https://127.0.0.1:9"))
               .execute()
               .errors().satisfy(errors -> {
                   if (!errors.isEmpty() && !"ALREADY_EXISTS".equals(errors.get(0).getExtensions().get("code"))) {
                       throw new AssertionError("cannot add registry harbor-prod to " + namespace + ": " + errors);
                   }
               });
    }

    /** A namespace no other test uses. */
    public static String freshNamespace(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    }
}
