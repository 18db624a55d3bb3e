package io.theriseunion.imagegateway.app.web;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bodies are bounded before they are parsed and before the caller is authenticated: a body declared too large
 * is refused without being read, one of unknown length as soon as it passes the limit, on every endpoint.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:body-limits;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data", "gateway.limits.graphql-body=64KB"})
class RequestBodyLimitTests {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    /** Sends only the headers of a huge declared body, then reads the answer: the gateway must not wait for it. */
    private String declareHugeBody(String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1073741824\r\n\r\n{\"query\":\"").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(12), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void aBodyDeclaredTooLargeIsRefusedBeforeItIsReadOrAuthenticated() throws IOException {
        assertThat(declareHugeBody("/graphql")).isEqualTo("HTTP/1.1 413");
        assertThat(declareHugeBody("/webhooks/registry/default/harbor")).isEqualTo("HTTP/1.1 413");
        assertThat(declareHugeBody("/oapis/image.theriseunion.io/v1alpha1/namespaces/default/repositories"))
                .isEqualTo("HTTP/1.1 413");
    }

    @Test
    void aChunkedBodyIsRefusedOnceItPassesTheLimit() throws Exception {
        byte[] body = ("{\"query\":\"{ me { name } }\",\"variables\":{\"a\":\"" + "x".repeat(100_000) + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                                                           .header("Content-Type", "application/json")
                                                           .POST(HttpRequest.BodyPublishers.ofInputStream(
                                                                   () -> new ByteArrayInputStream(body)))
                                                           .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.body()).contains("REQUEST_TOO_LARGE").contains("65536").contains("gateway.limits.graphql-body");
    }

    @Test
    void aBodyWithinTheLimitStillReachesGraphQlWhetherChunkedOrNot() throws Exception {
        byte[] body = "{\"query\":\"{ __typename }\"}".getBytes(StandardCharsets.UTF_8);
        for (HttpRequest.BodyPublisher publisher : new HttpRequest.BodyPublisher[] {
                HttpRequest.BodyPublishers.ofByteArray(body),
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))}) {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                               .header("Content-Type", "application/json")
                               .header("Authorization", "Bearer " + io.theriseunion.imagegateway.support.GatewayClient.ADMIN_TOKEN).POST(publisher).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"__typename\":\"Query\"");
        }
    }
}
