package io.theriseunion.imagegateway.support;

import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Requests as a browser page of another origin sends them: preflights, and the GraphQL WebSocket's handshake. */
public final class CrossOrigin {

    private CrossOrigin() {
    }

    /** Whether the GraphQL WebSocket's handshake succeeds for a page of that origin (null: no Origin header). */
    public static boolean webSocketOpens(int port, String origin) throws Exception {
        WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
        if (origin != null) {
            headers.setOrigin(origin);
        }
        headers.setSecWebSocketProtocol("graphql-transport-ws");
        try {
            WebSocketSession session = new StandardWebSocketClient()
                    .execute(new TextWebSocketHandler() {
                        @Override
                        protected void handleTextMessage(WebSocketSession session, TextMessage message) {
                        }
                    }, headers, URI.create("ws://localhost:" + port + "/graphql"))
                    .get(30, TimeUnit.SECONDS);
            boolean open = session.isOpen();
            session.close();
            return open;
        } catch (ExecutionException refused) {
            return false;
        }
    }

    /** The preflight headers of a cross-origin POST with a bearer token and a JSON body. */
    public static void preflight(HttpHeaders headers, String origin) {
        headers.setOrigin(origin);
        headers.set(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST");
        headers.set(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type");
    }
}
