package io.theriseunion.imagegateway.graphql.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.theriseunion.imagegateway.support.GatewayClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.unit.DataSize;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The messages of the gateway's graphql-transport-ws, over real WebSockets (Java's client): a message is taken up to
 * gateway.live.max-message-size whatever parts it comes in, a longer one closes the socket with a reason naming the
 * setting, an answer longer than Tomcat's buffer arrives whole, and the protocol's own answers (pong, 4409 for an id
 * in use) are as graphql-ws expects them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:live-messages;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data",
                                  "gateway.live.max-message-size=4KB"})
class WebSocketMessageTests {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Socket> sockets = new ArrayList<>();

    /** One client connection: the messages it received, in order, and how it was closed. */
    static final class Socket implements WebSocket.Listener {
        final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        private final StringBuilder frame = new StringBuilder();
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            frame.append(data);
            if (last) {
                texts.add(frame.toString());
                frame.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete("error " + error);
        }

        String next() throws Exception {
            String text = texts.poll(1, TimeUnit.MINUTES);
            return text == null ? "nothing within a minute" : text;
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

    private static String init(int padding) {
        return "{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer " + GatewayClient.ADMIN_TOKEN
                + "\",\"padding\":\"" + "x".repeat(padding) + "\"}}";
    }

    @AfterEach
    void closeAll() {
        sockets.forEach(s -> s.socket.abort());
    }

    @Test
    void aMessageLongerThanTheLimitClosesTheSocketWithAReasonNamingTheSetting() throws Exception {
        Socket socket = open();
        socket.socket.sendText(init(5000), true).join();

        assertThat(socket.closeStatus())
                .isEqualTo("1009 message longer than 4096 characters (gateway.live.max-message-size)");
        assertThat(socket.texts).isEmpty();
    }

    @Test
    void aMessageWithinTheLimitIsTakenWhateverPartsItComesIn() throws Exception {
        Socket whole = open();
        whole.socket.sendText(init(3500), true).join(); // longer than the container reads at a time
        assertThat(whole.next()).contains("connection_ack");

        Socket inFrames = open();
        String message = init(3000);
        inFrames.socket.sendText(message.substring(0, 1000), false).join();
        inFrames.socket.sendText(message.substring(1000, 2500), false).join();
        inFrames.socket.sendText(message.substring(2500), true).join();
        assertThat(inFrames.next()).contains("connection_ack");

        Socket tooLongInFrames = open();
        tooLongInFrames.socket.sendText(message, false).join();
        tooLongInFrames.socket.sendText(message, true).join();
        assertThat(tooLongInFrames.closeStatus()).startsWith("1009 ").contains("gateway.live.max-message-size");
    }

    /**
     * An answer many times longer than Tomcat's WebSocket buffer goes out in many frames (the first one's completion
     * on the sending thread, the others' on Tomcat's pool): it arrives whole, in order, and the socket goes on.
     */
    @Test
    void anAnswerLongerThanTheContainersBufferArrivesWholeAndTheSocketGoesOn() throws Exception {
        Socket socket = open();
        socket.socket.sendText(init(0), true).join();
        assertThat(socket.next()).contains("connection_ack");

        socket.socket.sendText("{\"id\":\"q1\",\"type\":\"subscribe\",\"payload\":{\"query\":"
                + "\"{ __schema { types { name description fields { name description args { name description } } } } }\"}}",
                               true).join();
        String answer = socket.next();
        assertThat(answer.length()).as("the answer's length").isGreaterThan(20 * 2048);
        JsonNode next = new ObjectMapper().readTree(answer);
        assertThat(next.path("type").asText()).isEqualTo("next");
        assertThat(next.path("id").asText()).isEqualTo("q1");
        assertThat(next.findValuesAsText("name")).contains("Repository", "syncStatusChanged", "__Schema");
        assertThat(socket.next()).contains("\"type\":\"complete\"").contains("\"id\":\"q1\"");

        socket.socket.sendText("{\"type\":\"ping\"}", true).join();
        assertThat(socket.next()).contains("\"type\":\"pong\"");
    }

    @Test
    void aPingIsAnsweredAndASubscriptionIdInUseClosesTheSocket() throws Exception {
        Socket socket = open();
        socket.socket.sendText(init(0), true).join();
        assertThat(socket.next()).contains("connection_ack");

        socket.socket.sendText("{\"type\":\"ping\"}", true).join();
        assertThat(socket.next()).contains("\"type\":\"pong\"");

        String subscribe = "{\"id\":\"s1\",\"type\":\"subscribe\",\"payload\":{\"query\":"
                + "\"subscription { syncStatusChanged(namespace: \\\"nowhere\\\") { name } }\"}}";
        socket.socket.sendText(subscribe, true).join();
        socket.socket.sendText(subscribe, true).join();
        assertThat(socket.closeStatus()).isEqualTo("4409 Subscriber for s1 already exists");
    }

    @Test
    void aMessageBeforeConnectionInitOrNotJsonClosesTheSocketAsTheProtocolSays() throws Exception {
        Socket early = open();
        early.socket.sendText("{\"id\":\"s1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription { syncStatusChanged { name } }\"}}",
                              true).join();
        assertThat(early.closeStatus()).isEqualTo("4401 Unauthorized");

        Socket garbled = open();
        garbled.socket.sendText("{\"type\":\"no such type\"}", true).join();
        assertThat(garbled.closeStatus()).isEqualTo("4400 Invalid message");
    }

    @Test
    void theLimitMustBeFrom1KbTo5Mb() {
        assertThat(WebSocketConfiguration.maxMessageCharacters(DataSize.ofKilobytes(64))).isEqualTo(65536);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WebSocketConfiguration.maxMessageCharacters(DataSize.ofBytes(100)))
                .withMessage("gateway.live.max-message-size must be from 1KB to 5MB, not 100B");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WebSocketConfiguration.maxMessageCharacters(DataSize.ofMegabytes(6)))
                .withMessage("gateway.live.max-message-size must be from 1KB to 5MB, not 6291456B");
    }
}
