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

/**
 * The keep-alive (spring.graphql.websocket.keep-alive, here 2 s) over real WebSockets: a connection sent nothing for
 * the interval gets a ping, again and again while it stays quiet; one that is sent something more often gets none,
 * its own traffic keeps it alive (pinging every session at once made a burst of sends and pongs every interval).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:live-keep-alive;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data",
                                  "spring.graphql.websocket.keep-alive=2s"})
class KeepAliveTests {

    private static final String PING = "{\"type\":\"ping\"}";
    private static final String PONG = "{\"type\":\"pong\"}";

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<WebSocketMessageTests.Socket> sockets = new ArrayList<>();

    @AfterEach
    void closeAll() {
        sockets.forEach(s -> s.socket.abort());
    }

    @Test
    void aQuietConnectionIsPingedWhileItStaysQuiet() throws Exception {
        WebSocketMessageTests.Socket quiet = acknowledged();
        for (int ping = 1; ping <= 2; ping++) {
            String text = quiet.texts.poll(30, TimeUnit.SECONDS);
            assertThat(text).as("keep-alive ping %d", ping).contains("\"type\":\"ping\"");
            quiet.socket.sendText(PONG, true).join();
        }
    }

    @Test
    void aConnectionSentSomethingWithinTheIntervalIsNotPinged() throws Exception {
        WebSocketMessageTests.Socket busy = acknowledged();
        // the client pings every 200 ms, so the gateway sends it a pong at least that often: for 6 s (three
        // intervals) it receives pongs only
        long end = System.nanoTime() + Duration.ofSeconds(6).toNanos();
        int pongs = 0;
        while (System.nanoTime() < end) {
            busy.socket.sendText(PING, true).join();
            String text = busy.texts.poll(30, TimeUnit.SECONDS);
            assertThat(text).as("the answer to the client's ping %d", pongs + 1).contains("\"type\":\"pong\"");
            pongs++;
            Thread.sleep(200);
        }
        busy.socket.sendText(PING, true).join();
        assertThat(busy.texts.poll(30, TimeUnit.SECONDS)).as("the last answer").contains("\"type\":\"pong\"");
        assertThat(busy.texts).as("nothing else sent").isEmpty();
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
