package io.theriseunion.imagegateway.graphql.live;

import io.theriseunion.imagegateway.support.GatewayClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The keep-alive (spring.graphql.websocket.keep-alive, here 3 s) over real WebSockets: a connection sent nothing for
 * the interval gets a ping, again and again while it stays quiet, never sooner; one that is sent something more
 * often gets none, its own traffic keeps it alive (pinging every session at once made a burst of sends and pongs
 * every interval).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:live-keep-alive;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data",
                                  "spring.graphql.websocket.keep-alive=3s"})
class KeepAliveTests {

    private static final String PING = "{\"type\":\"ping\"}";
    private static final String PONG = "{\"type\":\"pong\"}";
    /** Less than the 3 s interval by more than a loaded machine delays one message against another. */
    private static final Duration AT_LEAST = Duration.ofSeconds(2);

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<WebSocketMessageTests.Socket> sockets = new ArrayList<>();

    @AfterEach
    void closeAll() {
        sockets.forEach(s -> s.socket.abort());
    }

    @Test
    void aQuietConnectionIsPingedWhileItStaysQuietAndNotSooner() throws Exception {
        WebSocketMessageTests.Socket quiet = acknowledged();
        long last = System.nanoTime();
        for (int ping = 1; ping <= 2; ping++) {
            assertThat(quiet.next()).as("keep-alive ping %d", ping).contains("\"type\":\"ping\"");
            long now = System.nanoTime();
            assertThat(Duration.ofNanos(now - last)).as("the quiet time before ping %d", ping)
                                                    .isGreaterThanOrEqualTo(AT_LEAST);
            last = now;
            quiet.socket.sendText(PONG, true).join();
        }
    }

    @Test
    void aConnectionSentSomethingWithinTheIntervalIsNotPinged() throws Exception {
        WebSocketMessageTests.Socket busy = acknowledged();
        // after each pong the client waits 200 ms for anything else (a keep-alive ping would come then), and pings
        // again: the gateway sends it a pong at least that often, and for 7 s (more than two intervals) nothing else
        long end = System.nanoTime() + Duration.ofSeconds(7).toNanos();
        int pongs = 0;
        while (System.nanoTime() < end) {
            busy.socket.sendText(PING, true).join();
            assertThat(busy.next()).as("the answer to the client's ping %d", ++pongs).contains("\"type\":\"pong\"");
            assertThat(busy.texts.poll(200, TimeUnit.MILLISECONDS)).as("sent after pong %d", pongs).isNull();
        }
        busy.socket.sendText(PING, true).join();
        assertThat(busy.next()).as("the last answer").contains("\"type\":\"pong\"");
        assertThat(busy.texts).as("nothing else sent").isEmpty();
    }

    @Test
    void theIntervalMustBePositiveAndIsLookedAtSixteenTimes() {
        assertThat(WebSocketConfiguration.keepAlive(null)).as("unset: no pings").isNull();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WebSocketConfiguration.keepAlive(Duration.ZERO))
                .withMessage("spring.graphql.websocket.keep-alive must be positive (or unset: no pings), not PT0S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WebSocketConfiguration.keepAlive(Duration.ofSeconds(-1)))
                .withMessage("spring.graphql.websocket.keep-alive must be positive (or unset: no pings), not PT-1S");
        assertThat(LiveWebSocketHandler.keepAliveTick(Duration.ofSeconds(16))).isEqualTo(Duration.ofSeconds(1));
        assertThat(LiveWebSocketHandler.keepAliveTick(Duration.ofMillis(1))).as("at least 10 ms")
                                                                             .isEqualTo(Duration.ofMillis(10));
    }

    private WebSocketMessageTests.Socket acknowledged() throws Exception {
        WebSocketMessageTests.Socket listener = new WebSocketMessageTests.Socket();
        listener.socket = http.newWebSocketBuilder().subprotocols("graphql-transport-ws")
                              .buildAsync(URI.create("ws://localhost:" + port + "/graphql"), listener).join();
        sockets.add(listener);
        listener.socket.sendText("{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer "
                                         + GatewayClient.ADMIN_TOKEN + "\"}}", true).join();
        assertThat(listener.next()).contains("connection_ack");
        return listener;
    }
}
