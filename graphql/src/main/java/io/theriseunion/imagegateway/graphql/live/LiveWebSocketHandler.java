package io.theriseunion.imagegateway.graphql.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.theriseunion.imagegateway.app.access.Caller;
import io.theriseunion.imagegateway.domain.api.ErrorCode;
import io.theriseunion.imagegateway.domain.api.GatewayException;
import io.theriseunion.imagegateway.graphql.access.CallerInterceptor;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.SubscriptionPublisherException;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.graphql.server.support.GraphQlWebSocketMessage;
import org.springframework.graphql.server.webmvc.GraphQlWebSocketHandler;
import org.springframework.http.HttpHeaders;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.server.HandshakeHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.support.OriginHandshakeInterceptor;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * graphql-transport-ws on the gateway's WebSockets, with the connection limits of {@link LiveConnections} and the
 * subscriptions shared among their subscribers ({@link SharedSubscriptions}).
 *
 * <p>The protocol is Spring GraphQL's handler's (the same messages and close statuses: 4400 invalid message, 4401
 * unauthorised, 4408 no connection_init in time, 4409 a subscription id in use, 4429 a second connection_init),
 * rewritten for many idle subscribers: Spring's handler keeps a platform thread per session to send (10,000
 * subscribers were 10,000 threads) and writes every {@code next} message with Jackson. Here a session has an
 * {@link Outbox} (non-blocking sends, in order, no thread), keep-alive pings go from one timer for all sessions to
 * those sent nothing for the interval (not to all at once), and a shared event's {@code next} message is its
 * pre-written payload in an envelope whose only per-subscriber part, the id, is written once per subscription. The
 * class extends Spring's handler only so that Spring Boot maps it at spring.graphql.path; none of its inherited
 * session handling runs.
 *
 * <p>A socket past the gateway's limit is closed as it opens, one past its caller's limit when its
 * {@code connection_init} would be acknowledged, each with its own close status instead of the generic 4401.
 */
class LiveWebSocketHandler extends GraphQlWebSocketHandler implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LiveWebSocketHandler.class);

    private static final CloseStatus INVALID_MESSAGE = new CloseStatus(4400, "Invalid message");
    private static final CloseStatus UNAUTHORIZED = new CloseStatus(4401, "Unauthorized");
    private static final CloseStatus INIT_TIMEOUT = new CloseStatus(4408, "Connection initialisation timeout");
    private static final CloseStatus TOO_MANY_INITS = new CloseStatus(4429, "Too many initialisation requests");
    private static final String CONTEXT = ContextSnapshot.class.getName();
    /** The keep-alive looks for quiet sessions this many times an interval. */
    static final int KEEP_ALIVE_LOOKS = 16;

    private final WebGraphQlHandler graphQl;
    private final WebSocketGraphQlInterceptor interceptor;
    private final ObjectMapper json;
    private final Duration initTimeout;
    private final int maxMessageSize;
    private final LiveConnections connections;
    private final List<String> allowedOrigins;
    private final Map<String, LiveSession> sessions = new ConcurrentHashMap<>();
    private final Disposable keepAlive;

    LiveWebSocketHandler(WebGraphQlHandler graphQl, HttpMessageConverter<?> converter, ObjectMapper json,
                         Duration initTimeout, Duration keepAlive, int maxMessageSize, LiveConnections connections,
                         SharedSubscriptions shared, List<String> allowedOrigins) {
        this(counted(graphQl, connections, shared), converter, json, initTimeout, keepAlive, maxMessageSize,
             connections, allowedOrigins);
    }

    private LiveWebSocketHandler(WebGraphQlHandler graphQl, HttpMessageConverter<?> converter, ObjectMapper json,
                                 Duration initTimeout, Duration keepAlive, int maxMessageSize,
                                 LiveConnections connections, List<String> allowedOrigins) {
        super(graphQl, converter, initTimeout, keepAlive);
        this.graphQl = graphQl;
        this.maxMessageSize = maxMessageSize;
        this.interceptor = this.graphQl.getWebSocketInterceptor();
        this.json = json;
        this.initTimeout = initTimeout;
        this.connections = connections;
        this.allowedOrigins = allowedOrigins;
        long keepAliveNanos = keepAlive == null ? 0 : keepAlive.toNanos();
        this.keepAlive = keepAlive == null ? () -> {
        } : Flux.interval(keepAliveTick(keepAlive)).subscribe(tick -> pingQuiet(keepAliveNanos));
    }

    /**
     * The handshake first checks the page's origin: its own origin (or no Origin header, as non-browser clients
     * send) always passes, another only when gateway.cors.allowed-origins lists it; otherwise 403. Spring's own
     * interceptor then keeps the handshake's context (thread locals) for the messages.
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
            close(session, refusal);
            return;
        }
        if ("graphql-ws".equalsIgnoreCase(session.getAcceptedProtocol())) {
            // the older subscriptions-transport-ws protocol is not spoken
            close(session, INVALID_MESSAGE);
            return;
        }
        LiveSession live = new LiveSession(session);
        sessions.put(session.getId(), live);
        live.initTimeout = Mono.delay(initTimeout).subscribe(t -> {
            if (live.initPayload.compareAndSet(null, Collections.emptyMap())) {
                close(session, INIT_TIMEOUT);
            }
        });
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage text) throws Exception {
        LiveSession live = sessions.get(session.getId());
        if (live == null) {
            return; // refused as it opened
        }
        String whole = live.assemble(text, maxMessageSize);
        if (whole == null) {
            if (live.tooLarge) {
                close(session, new CloseStatus(CloseStatus.TOO_BIG_TO_PROCESS.getCode(), "message longer than "
                        + maxMessageSize + " characters (gateway.live.max-message-size)"));
            }
            return; // the rest of the message is still to come
        }
        GraphQlWebSocketMessage message;
        try {
            message = json.readValue(whole, GraphQlWebSocketMessage.class);
        } catch (IOException | IllegalArgumentException e) {
            close(session, INVALID_MESSAGE);
            return;
        }
        Object context = session.getAttributes().get(CONTEXT);
        try (ContextSnapshot.Scope scope = context instanceof ContextSnapshot c ? c.setThreadLocals() : () -> {
        }) {
            switch (message.resolvedType()) {
                case CONNECTION_INIT -> initialise(live, message.getPayload());
                case SUBSCRIBE -> subscribe(live, message.getId(), message.getPayload());
                case COMPLETE -> complete(live, message.getId());
                case PING -> live.outbox.send(write(GraphQlWebSocketMessage.pong(null)));
                case PONG -> {
                }
                default -> close(session, INVALID_MESSAGE);
            }
        }
    }

    private void initialise(LiveSession live, Map<String, Object> payload) {
        Map<String, Object> init = payload != null ? payload : Collections.emptyMap();
        if (!live.initPayload.compareAndSet(null, init)) {
            close(live.session, TOO_MANY_INITS);
            return;
        }
        live.initTimeout.dispose();
        try {
            Object ack = interceptor.handleConnectionInitialization(live.info, init)
                                    .defaultIfEmpty(Collections.emptyMap())
                                    .block(Duration.ofSeconds(10));
            live.outbox.send(write(GraphQlWebSocketMessage.connectionAck(ack)));
            live.initialised = true; // after the ack is queued: a keep-alive ping never goes before it
        } catch (RuntimeException e) {
            Object refusal = live.session.getAttributes().get(LiveConnections.REFUSAL);
            close(live.session, refusal instanceof CloseStatus r ? r : UNAUTHORIZED);
        }
    }

    private void subscribe(LiveSession live, String id, Map<String, Object> payload) {
        if (!live.initialised) {
            close(live.session, UNAUTHORIZED);
            return;
        }
        if (id == null || payload == null) {
            close(live.session, INVALID_MESSAGE);
            return;
        }
        Delivery delivery = new Delivery(live, id);
        if (live.subscriptions.putIfAbsent(id, delivery) != null) {
            close(live.session, new CloseStatus(4409, "Subscriber for " + id + " already exists"));
            return;
        }
        WebSocketSession session = live.session;
        URI uri = session.getUri();
        WebSocketGraphQlRequest request = new WebSocketGraphQlRequest(
                uri, session.getHandshakeHeaders(), null, session.getRemoteAddress(), session.getAttributes(),
                payload, id, null, live.info);
        graphQl.handleRequest(request)
               .flatMapMany(response -> messages(id, response))
               .subscribe(delivery);
    }

    private void complete(LiveSession live, String id) {
        if (id == null) {
            return;
        }
        Delivery delivery = live.subscriptions.remove(id);
        if (delivery != null) {
            delivery.cancel();
        }
        interceptor.handleCancelledSubscription(live.info, id).block(Duration.ofSeconds(10));
    }

    /**
     * A request's messages: each result as {@code next} (a shared event's payload as it was written once, in an
     * envelope whose start is written once for the subscription), then {@code complete}, or {@code error} with the
     * errors that ended it.
     */
    @SuppressWarnings("unchecked")
    private Flux<String> messages(String id, WebGraphQlResponse response) {
        String next = "{\"id\":" + quoted(id) + ",\"type\":\"next\",\"payload\":";
        Flux<String> results;
        if (response.getData() instanceof Publisher<?> stream) {
            results = Flux.from((Publisher<ExecutionResult>) stream).map(result -> next + (result instanceof SerialisedResult s
                    ? s.json() : written(result.toSpecification())) + "}");
        } else {
            results = Flux.just(next + written(response.toMap()) + "}");
        }
        return results.concatWith(Mono.fromCallable(() -> write(GraphQlWebSocketMessage.complete(id))))
                      .onErrorResume(error -> Mono.just(write(GraphQlWebSocketMessage.error(id, errors(id, error)))));
    }

    private static List<GraphQLError> errors(String id, Throwable error) {
        if (error instanceof SubscriptionPublisherException ended) {
            return ended.getErrors();
        }
        log.error("Unresolved {} for subscription {}", error.getClass().getSimpleName(), id, error);
        return List.of(GraphqlErrorBuilder.newError().message("Subscription error").errorType(ErrorType.INTERNAL_ERROR).build());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        connections.closed(session.getId());
        LiveSession live = sessions.remove(session.getId());
        if (live == null) {
            return;
        }
        live.initTimeout.dispose();
        live.subscriptions.values().forEach(Delivery::cancel);
        live.subscriptions.clear();
        Map<String, Object> init = live.initPayload.get();
        if (init != null) {
            interceptor.handleConnectionClosed(live.info, status.getCode(), init);
        }
    }

    @Override
    public void destroy() {
        keepAlive.dispose();
    }

    /**
     * How often the keep-alive looks for quiet sessions: a sixteenth of the interval, at least 10 ms (a session is
     * pinged at most one look after its interval).
     */
    static Duration keepAliveTick(Duration keepAlive) {
        Duration tick = keepAlive.dividedBy(KEEP_ALIVE_LOOKS);
        return tick.compareTo(Duration.ofMillis(10)) < 0 ? Duration.ofMillis(10) : tick;
    }

    /**
     * A ping to acknowledged sessions that have been sent nothing for the keep-alive interval: one that receives
     * events is kept alive by them. Pinging every session at once made a burst of as many sends, and as many pongs
     * back, every 15 s (10,000 of each, with events waiting behind them: docs/benchmarks.md, session 48). At most a
     * sixteenth of the sessions (and one) a look, so that quiet sessions which connected together, pinged together
     * once, spread over the interval from then on (the rest wait a look or a few, once). Never to a session still
     * sending (so pings do not pile up behind a slow one).
     */
    private void pingQuiet(long keepAliveNanos) {
        try {
            String ping = null;
            long now = System.nanoTime();
            int left = sessions.size() / KEEP_ALIVE_LOOKS + 1;
            for (LiveSession live : sessions.values()) {
                if (left == 0) {
                    return;
                }
                if (live.initialised && live.outbox.quietFor(keepAliveNanos, now)) {
                    if (ping == null) {
                        ping = write(GraphQlWebSocketMessage.ping(null));
                    }
                    live.outbox.send(ping);
                    left--;
                }
            }
        } catch (RuntimeException e) { // the timer would stop for good: log, and look again next time
            log.warn("Keep-alive pings failed (tried again at the next look): {}", e.toString());
        }
    }

    private String write(GraphQlWebSocketMessage message) {
        return written(message);
    }

    private String written(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a WebSocket message could not be written as JSON", e);
        }
    }

    private String quoted(String text) {
        return written(text);
    }

    private static void close(WebSocketSession session, CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException ignored) {
            // the socket is gone either way
        }
    }

    /**
     * Messages arrive in parts (the container's buffer per session is kept small, as idle sessions are most of the
     * gateway's): they are put together here, up to gateway.live.max-message-size.
     */
    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    /** One session: its outbox, its connection_init, its subscriptions by id, the message it is receiving. */
    private static final class LiveSession {
        final WebSocketSession session;
        final WebSocketSessionInfo info;
        final Outbox outbox;
        final AtomicReference<Map<String, Object>> initPayload = new AtomicReference<>();
        final Map<String, Delivery> subscriptions = new ConcurrentHashMap<>();
        volatile boolean initialised;
        volatile Disposable initTimeout = () -> {
        };
        /** The parts of a message so far (only while one arrives in parts); the container gives them one by one. */
        private StringBuilder parts;
        boolean tooLarge;

        /** The whole message once its last part is in, or null (still to come, or larger than {@code most}). */
        String assemble(TextMessage part, int most) {
            String text = part.getPayload();
            if (parts == null && part.isLast()) {
                tooLarge = text.length() > most;
                return tooLarge ? null : text;
            }
            if (parts == null) {
                parts = new StringBuilder();
            }
            if (parts.length() + text.length() > most) {
                parts = null;
                tooLarge = true;
                return null;
            }
            parts.append(text);
            if (!part.isLast()) {
                return null;
            }
            String whole = parts.toString();
            parts = null;
            return whole;
        }

        LiveSession(WebSocketSession session) {
            this.session = session;
            this.info = new SessionInfo(session);
            this.outbox = new Outbox(session);
        }
    }

    /**
     * One subscription's messages into its session's outbox, one at a time: the next is asked for once the last
     * is written, so a subscriber that does not keep up leaves its events in its shared execution's outlet, which
     * cuts it off (SUBSCRIBER_TOO_SLOW) past gateway.live.buffer-size.
     */
    private static final class Delivery extends BaseSubscriber<String> {
        private final LiveSession live;
        private final String id;

        Delivery(LiveSession live, String id) {
            this.live = live;
            this.id = id;
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            subscription.request(1);
        }

        @Override
        protected void hookOnNext(String message) {
            live.outbox.send(message, () -> request(1));
        }

        @Override
        protected void hookOnError(Throwable error) {
            log.error("subscription {} failed", id, error);
            close(live.session, CloseStatus.SERVER_ERROR);
        }

        @Override
        protected void hookFinally(reactor.core.publisher.SignalType type) {
            live.subscriptions.remove(id, this);
        }
    }

    /** What the interceptors and the request see of a session. */
    private static final class SessionInfo implements WebSocketSessionInfo {
        private final WebSocketSession session;

        SessionInfo(WebSocketSession session) {
            this.session = session;
        }

        @Override
        public String getId() {
            return session.getId();
        }

        @Override
        public Map<String, Object> getAttributes() {
            return session.getAttributes();
        }

        @Override
        public URI getUri() {
            return session.getUri();
        }

        @Override
        public HttpHeaders getHeaders() {
            return session.getHandshakeHeaders();
        }

        @Override
        public Mono<Principal> getPrincipal() {
            return Mono.justOrEmpty(session.getPrincipal());
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return session.getRemoteAddress();
        }
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
