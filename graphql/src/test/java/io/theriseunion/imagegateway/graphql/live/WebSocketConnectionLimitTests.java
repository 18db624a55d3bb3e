package io.theriseunion.imagegateway.graphql.live;

import io.micrometer.core.instrument.MeterRegistry;
import io.theriseunion.imagegateway.support.GatewayClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway holds at most gateway.live.max-connections WebSockets, and each caller at most
 * gateway.live.max-connections-per-caller; one past a limit is closed with a status that says which, and a
 * closed connection frees its place. Over real WebSockets (Java's client, graphql-transport-ws).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:live-connections;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data",
                                  "gateway.live.max-connections=3", "gateway.live.max-connections-per-caller=2",
                                  "spring.graphql.websocket.connection-init-timeout=5m"})
class WebSocketConnectionLimitTests {

    @LocalServerPort
    int port;
    @Autowired
    MeterRegistry meters;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Socket> sockets = new ArrayList<>();

    /** One client connection: the first text it received, and how it was closed. */
    static final class Socket implements WebSocket.Listener {
        final CompletableFuture<String> firstText = new CompletableFuture<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            firstText.complete(data.toString());
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            firstText.complete("closed");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete("error " + error);
            firstText.complete("error");
        }

        void init(String token) {
            socket.sendText("{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer " + token + "\"}}",
                            true);
        }

        String firstText() throws Exception {
            return firstText.get(1, TimeUnit.MINUTES);
        }

        String closeStatus() throws Exception {
            return closed.get(1, TimeUnit.MINUTES);
        }
    }

    private Socket open() {
        Socket listener = new Socket();
        listener.socket = http.newWebSocketBuilder().subprotocols("graphql-transport-ws")
                              .buildAsync(URI.create("ws://localhost:" + port + "/graphql"), listener).join();
        sockets.add(listener);
        return listener;
    }

    private Socket acknowledged(String token) throws Exception {
        Socket socket = open();
        socket.init(token);
        assertThat(socket.firstText()).contains("connection_ack");
        return socket;
    }

    @AfterEach
    void closeAll() {
        sockets.forEach(s -> s.socket.abort());
    }

    @Test
    void aCallerPastItsLimitAndAConnectionPastTheGatewaysLimitAreClosedWithAReason() throws Exception {
        Socket first = acknowledged(GatewayClient.ADMIN_TOKEN);
        acknowledged(GatewayClient.ADMIN_TOKEN);

        Socket third = open();
        third.init(GatewayClient.ADMIN_TOKEN);
        assertThat(third.closeStatus()).startsWith("1008 TOO_MANY_CONNECTIONS")
                                       .contains("gateway.live.max-connections-per-caller");
        assertThat(third.firstText()).doesNotContain("connection_ack");

        Socket waiting = open(); // not initialised yet, but it holds a place: three open now
        // the server takes a socket's place as it opens it, just after the handshake's answer: the next one must
        // not race it (it would take the place, and the one refused would be this one)
        await().atMost(Duration.ofMinutes(1)).until(() -> meters.get("gateway.live.connections").gauge().value() == 3);
        Socket fourth = open();
        assertThat(fourth.closeStatus()).startsWith("1013 TOO_MANY_CONNECTIONS").contains("gateway.live.max-connections");

        first.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        first.closeStatus();
        await().atMost(Duration.ofMinutes(1)).until(() -> meters.get("gateway.live.connections").gauge().value() == 2);
        waiting.init(GatewayClient.ADMIN_TOKEN); // the caller's second place again, after the first closed
        assertThat(waiting.firstText()).contains("connection_ack");
    }
}
