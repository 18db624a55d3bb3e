package io.theriseunion.imagegateway.graphql.access;

import io.theriseunion.imagegateway.app.access.BearerAuthentication;
import io.theriseunion.imagegateway.app.access.Caller;
import io.theriseunion.imagegateway.app.access.CallerAuthentication;
import io.theriseunion.imagegateway.app.access.UnauthenticatedException;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.Map;

/**
 * Puts the caller into each GraphQL request's context (key {@value #CALLER}). Over HTTP the bearer filter has
 * authenticated it already; a WebSocket authenticates once, with the {@code Authorization} entry of its
 * {@code connection_init} payload, and a connection without a valid one is refused.
 */
@Component
public class CallerInterceptor implements WebSocketGraphQlInterceptor {

    public static final String CALLER = "caller";
    /** The WebSocket connection a request came over, in the GraphQL context; absent over HTTP. */
    public static final String CONNECTION = "connection";

    private final BearerAuthentication bearer;

    public CallerInterceptor(BearerAuthentication bearer) {
        this.bearer = bearer;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        Caller caller = request instanceof WebSocketGraphQlRequest socket
                ? (Caller) socket.getSessionInfo().getAttributes().get(CALLER) : fromSecurityContext();
        Map<String, Object> context = new java.util.HashMap<>();
        if (caller != null) {
            context.put(CALLER, caller);
        }
        if (request instanceof WebSocketGraphQlRequest socket) {
            context.put(CONNECTION, socket.getSessionInfo().getId());
        }
        if (!context.isEmpty()) {
            request.configureExecutionInput((input, builder) -> builder.graphQLContext(context).build());
        }
        return chain.next(request);
    }

    @Override
    public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo info, Map<String, Object> payload) {
        Object header = payload == null ? null : payload.entrySet().stream()
                .filter(e -> "authorization".equalsIgnoreCase(e.getKey())).map(Map.Entry::getValue).findFirst()
                .orElse(null);
        if (!(header instanceof String text) || !text.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Mono.error(UnauthenticatedException.missing());
        }
        try {
            info.getAttributes().put(CALLER, bearer.caller(text.substring(7).trim()));
            return Mono.empty();
        } catch (RuntimeException refused) {
            return Mono.error(new UnauthenticatedException(refused.getMessage()));
        }
    }

    private static Caller fromSecurityContext() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof CallerAuthentication c ? c.caller() : null;
    }
}
