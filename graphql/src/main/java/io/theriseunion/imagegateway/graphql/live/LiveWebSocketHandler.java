package io.theriseunion.imagegateway.graphql.live;

import io.micrometer.context.ContextSnapshotFactory;
import io.theriseunion.imagegateway.app.access.Caller;
import io.theriseunion.imagegateway.domain.api.ErrorCode;
import io.theriseunion.imagegateway.domain.api.GatewayException;
import io.theriseunion.imagegateway.graphql.access.CallerInterceptor;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.graphql.server.webmvc.GraphQlWebSocketHandler;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;
import org.springframework.web.socket.server.HandshakeHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.support.OriginHandshakeInterceptor;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Spring GraphQL's WebSocket handler, with the connection limits of {@link LiveConnections}: a socket past the
 * gateway's limit is closed as it opens, one past its caller's limit when its {@code connection_init} would be
 * acknowledged, each with its own close status instead of the protocol's generic 4401.
 */
class LiveWebSocketHandler extends GraphQlWebSocketHandler {

    private final LiveConnections connections;
    private final List<String> allowedOrigins;

    LiveWebSocketHandler(WebGraphQlHandler graphQl, HttpMessageConverter<?> json, Duration initTimeout,
                         Duration keepAlive, LiveConnections connections, SharedSubscriptions shared,
                         List<String> allowedOrigins) {
        super(counted(graphQl, connections, shared), json, initTimeout, keepAlive);
        this.connections = connections;
        this.allowedOrigins = allowedOrigins;
    }

    /**
     * The handshake first checks the page's origin: its own origin (or no Origin header, as non-browser clients
     * send) always passes, another only when gateway.cors.allowed-origins lists it; otherwise 403.
     */
    @Override
    public WebSocketHttpRequestHandler initWebSocketHttpRequestHandler(HandshakeHandler handshakeHandler) {
        WebSocketHttpRequestHandler handler = super.initWebSocketHttpRequestHandler(handshakeHandler);
        List<HandshakeInterceptor> interceptors = new ArrayList<>();
        interceptors.add(new OriginHandshakeInterceptor(allowedOrigins));
        interceptors.addAll(handler.getHandshakeInterceptors());
        handler.setHandshakeInterceptors(interceptors);
        return handler;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        CloseStatus refusal = connections.opened(session.getId());
        if (refusal != null) {
            try {
                session.close(refusal);
            } catch (IOException ignored) {
                // the socket is gone either way
            }
            return;
        }
        super.afterConnectionEstablished(session);
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
        super.handleTextMessage(new WebSocketSessionDecorator(session) {
            @Override
            public void close(CloseStatus status) throws IOException {
                Object refusal = getAttributes().get(LiveConnections.REFUSAL);
                super.close(refusal instanceof CloseStatus r ? r : status);
            }
        }, message);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        connections.closed(session.getId());
        super.afterConnectionClosed(session, status);
    }

    /**
     * The application's handler, with its WebSocket interceptor checking the caller's limit after authentication,
     * and subscriptions shared among their subscribers ({@link SharedSubscriptions}).
     */
    private static WebGraphQlHandler counted(WebGraphQlHandler graphQl, LiveConnections connections,
                                             SharedSubscriptions shared) {
        WebSocketGraphQlInterceptor authentication = graphQl.getWebSocketInterceptor();
        WebSocketGraphQlInterceptor limited = new WebSocketGraphQlInterceptor() {
            @Override
            public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo info, Map<String, Object> payload) {
                return authentication.handleConnectionInitialization(info, payload)
                                     .map(Optional::of).defaultIfEmpty(Optional.empty())
                                     .flatMap(ack -> {
                                         Object caller = info.getAttributes().get(CallerInterceptor.CALLER);
                                         CloseStatus refusal = connections.authenticated(
                                                 info.getId(), caller instanceof Caller c ? c.name() : "");
                                         if (refusal != null) {
                                             info.getAttributes().put(LiveConnections.REFUSAL, refusal);
                                             return Mono.error(new TooManyConnectionsException(refusal.getReason()));
                                         }
                                         return Mono.justOrEmpty(ack);
                                     });
            }

            @Override
            public Mono<Void> handleCancelledSubscription(WebSocketSessionInfo info, String subscriptionId) {
                return authentication.handleCancelledSubscription(info, subscriptionId);
            }

            @Override
            public void handleConnectionClosed(WebSocketSessionInfo info, int status, Map<String, Object> payload) {
                authentication.handleConnectionClosed(info, status, payload);
            }
        };
        return new WebGraphQlHandler() {
            @Override
            public WebSocketGraphQlInterceptor getWebSocketInterceptor() {
                return limited;
            }

            @Override
            public ContextSnapshotFactory contextSnapshotFactory() {
                return graphQl.contextSnapshotFactory();
            }

            @Override
            public Mono<WebGraphQlResponse> handleRequest(WebGraphQlRequest request) {
                return shared.handle(request, graphQl::handleRequest);
            }
        };
    }

    /** TOO_MANY_CONNECTIONS (the close status carries it to the client). */
    static final class TooManyConnectionsException extends GatewayException {
        TooManyConnectionsException(String reason) {
            super(ErrorCode.TOO_MANY_CONNECTIONS, reason);
        }
    }
}
