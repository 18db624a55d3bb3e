package io.theriseunion.imagegateway.graphql.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A graphql-transport-ws client on its own WebSocket, as a browser's graphql-ws would be: connection_init with the
 * token, one subscribe once acknowledged, and every {@code next} payload's data kept in arrival order, with the
 * {@code error} that ended the subscription, if any.
 */
public final class GraphQlWsSubscriber implements WebSocket.Listener {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String token;
    private final ObjectNode subscribe;
    private final StringBuilder frame = new StringBuilder();
    private final List<JsonNode> data = new CopyOnWriteArrayList<>();
    private volatile JsonNode errors;
    private volatile boolean completed;
    private final CompletableFuture<Void> acknowledged = new CompletableFuture<>();
    private WebSocket socket;
    /** The last send: Java's WebSocket fails a send made while another is pending, so each waits for the one before. */
    private CompletableFuture<?> sent = CompletableFuture.completedFuture(null);

    private GraphQlWsSubscriber(String token, String document, Map<String, Object> variables) {
        this.token = token;
        subscribe = JSON.createObjectNode().put("id", "1").put("type", "subscribe");
        subscribe.putObject("payload").put("query", document).set("variables", JSON.valueToTree(variables));
    }

    /** Connects; the subscription is sent once the connection is acknowledged. */
    public static CompletableFuture<GraphQlWsSubscriber> connect(HttpClient http, int port, String token, String document,
                                                         Map<String, Object> variables) {
        GraphQlWsSubscriber subscriber = new GraphQlWsSubscriber(token, document, variables);
        return http.newWebSocketBuilder().subprotocols("graphql-transport-ws")
                   .buildAsync(URI.create("ws://localhost:" + port + "/graphql"), subscriber)
                   .thenCompose(socket -> subscriber.acknowledged.thenApply(x -> subscriber));
    }

    public List<JsonNode> data() {
        return data;
    }

    /** The errors of the {@code error} message that ended the subscription; null while it runs. */
    public JsonNode errors() {
        return errors;
    }

    public boolean ended() {
        return errors != null || completed;
    }

    /** Sends once the previous send is done (a browser's WebSocket queues its sends the same way). */
    private synchronized CompletableFuture<?> send(WebSocket webSocket, String text) {
        CompletableFuture<?> next = sent.handle((x, e) -> null).thenCompose(x -> webSocket.sendText(text, true));
        sent = next;
        return next;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        send(webSocket, "{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer " + token + "\"}}");
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence text, boolean last) {
        frame.append(text);
        if (last) {
            try {
                JsonNode message = JSON.readTree(frame.toString());
                switch (message.path("type").asText()) {
                    case "connection_ack" -> {
                        send(webSocket, subscribe.toString()).thenRun(() -> acknowledged.complete(null));
                    }
                    case "next" -> data.add(message.path("payload").path("data"));
                    case "error" -> errors = message.path("payload");
                    case "complete" -> completed = true;
                    case "ping" -> send(webSocket, "{\"type\":\"pong\"}");
                    default -> {
                    }
                }
            } catch (Exception e) {
                acknowledged.completeExceptionally(e);
            }
            frame.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        acknowledged.completeExceptionally(new IllegalStateException("closed: " + statusCode + " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        acknowledged.completeExceptionally(error);
    }

    public void close() {
        if (socket != null) {
            socket.abort();
        }
    }
}
