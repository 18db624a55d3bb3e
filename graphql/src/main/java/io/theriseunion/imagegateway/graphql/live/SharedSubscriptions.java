package io.theriseunion.imagegateway.graphql.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.theriseunion.imagegateway.app.access.Caller;
import io.theriseunion.imagegateway.graphql.access.CallerInterceptor;
import org.reactivestreams.Publisher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.graphql.execution.ErrorType;
import io.theriseunion.imagegateway.graphql.error.SubscriptionErrorResolver;
import org.springframework.graphql.execution.SubscriptionPublisherException;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Live-query multiplexing: WebSocket subscribers with the same {@link SubscriptionKey} (document, operation,
 * variables, visibility) share one {@link SharedExecution}, so an event costs one execution and one serialised
 * payload per distinct subscription, whatever the number of subscribers. The shared execution runs as a caller
 * with the subscribers' role bindings and no credentials of its own; each subscriber keeps what is its own: its
 * subscription counts against its connection (TOO_MANY_SUBSCRIPTIONS), it ends when its own token is revoked or
 * expires (UNAUTHENTICATED), and its own outlet cuts it off alone when it falls behind (SUBSCRIBER_TOO_SLOW).
 * A request the execution refuses (FORBIDDEN, an invalid document) is never shared: each subscriber of it is
 * answered by its own execution, as without sharing.
 */
@Component
public class SharedSubscriptions {

    private final Map<SubscriptionKey, SharedExecution> executions = new ConcurrentHashMap<>();
    private final ObjectMapper json;
    private final int bufferSize;
    private final CredentialLifetime lifetime;
    private final SubscriptionCounter counter;
    private final SubscriptionErrorResolver errors;
    private final AtomicInteger subscribers = new AtomicInteger();
    private final AtomicLong executionIds = new AtomicLong();
    private final Counter payloads;
    private final SharedExecution.Listener listener;

    SharedSubscriptions(ObjectMapper json, @Value("${gateway.live.buffer-size:1024}") int bufferSize,
                        CredentialLifetime lifetime, SubscriptionCounter counter, SubscriptionErrorResolver errors,
                        MeterRegistry meters) {
        this.json = json;
        this.bufferSize = bufferSize;
        this.lifetime = lifetime;
        this.counter = counter;
        this.errors = errors;
        meters.gauge("gateway.live.subscribers", subscribers);
        meters.gauge("gateway.live.executions", executions, Map::size);
        this.payloads = Counter.builder("gateway.live.payloads")
                               .description("event results executed and serialised for subscribers (once per shared execution)")
                               .register(meters);
        this.listener = new SharedExecution.Listener() {
            @Override
            public void subscriberJoined() {
                subscribers.incrementAndGet();
            }

            @Override
            public void subscriberLeft() {
                subscribers.decrementAndGet();
            }

            @Override
            public void payloadSerialised() {
                payloads.increment();
            }

            @Override
            public void ended(SharedExecution execution) {
                executions.remove(execution.key(), execution);
            }
        };
    }

    /** Handles a request: a WebSocket subscription joins its shared execution, anything else runs as it is. */
    Mono<WebGraphQlResponse> handle(WebGraphQlRequest request, Function<WebGraphQlRequest, Mono<WebGraphQlResponse>> execute) {
        if (!(request instanceof WebSocketGraphQlRequest socket)) {
            return execute.apply(request);
        }
        Caller caller = (Caller) socket.getSessionInfo().getAttributes().get(CallerInterceptor.CALLER);
        return SubscriptionKey.of(request, caller)
                              .map(key -> Mono.defer(() -> join(key, socket, caller, execute)))
                              .orElseGet(() -> execute.apply(request).map(this::countedAlone));
    }

    /** A subscription executed for its subscriber alone (see {@link SubscriptionKey}) counts among the subscribers. */
    private WebGraphQlResponse countedAlone(WebGraphQlResponse response) {
        if (!(response.getData() instanceof Publisher<?> stream)) {
            return response;
        }
        Flux<?> counted = Flux.from(stream).doOnSubscribe(s -> listener.subscriberJoined())
                              .doFinally(signal -> listener.subscriberLeft());
        return response.transform(b -> b.data(counted));
    }

    private Mono<WebGraphQlResponse> join(SubscriptionKey key, WebSocketGraphQlRequest request, Caller caller,
                                          Function<WebGraphQlRequest, Mono<WebGraphQlResponse>> execute) {
        SharedExecution created = new SharedExecution(key, json, bufferSize, listener);
        SharedExecution execution = executions.putIfAbsent(key, created);
        boolean mine = execution == null;
        if (mine) {
            execution = created;
            execution.start(execute.apply(upstream(request, caller)));
        }
        SharedExecution joined = execution;
        Mono<WebGraphQlResponse> answer = joined.ready();
        if (!mine) {
            // the execution failed before it had a stream: this subscriber asks on its own
            answer = answer.onErrorResume(e -> execute.apply(request)).switchIfEmpty(Mono.defer(() -> execute.apply(request)));
        }
        return answer.flatMap(response -> {
            if (!(response.getData() instanceof Publisher<?>)) {
                return mine ? Mono.just(response) : execute.apply(request); // a refusal is never shared
            }
            SharedExecution.Outlet outlet = joined.attach();
            if (outlet == null) {
                // its last subscriber left meanwhile: make sure it is gone, then join (or start) the next one
                executions.remove(key, joined);
                return join(key, request, caller, execute);
            }
            Flux<ExecutionResult> results = counter.counted(request.getSessionInfo().getId(),
                                                            lifetime.whileValid(caller, outlet.results()))
                                                   .doFinally(signal -> joined.detach(outlet))
                                                   .onErrorResume(this::asSubscriptionError);
            return Mono.just(response.transform(b -> b.data(results)));
        });
    }

    /** An error that ends one subscriber's stream, with its code, as the WebSocket handler sends it. */
    private Flux<ExecutionResult> asSubscriptionError(Throwable error) {
        if (error instanceof SubscriptionPublisherException) {
            return Flux.error(error);
        }
        return errors.resolveException(error)
                     .defaultIfEmpty(List.of(GraphqlErrorBuilder.newError().message("the subscription failed")
                                                                .errorType(ErrorType.INTERNAL_ERROR).build()))
                     .flatMapMany(resolved -> Flux.error(new SubscriptionPublisherException(resolved, error)));
    }

    /**
     * The request the shared execution runs: the first subscriber's, as a caller with its role bindings but without
     * its credentials' lifetime (each subscriber's own is watched apart), on a connection of its own.
     */
    private WebSocketGraphQlRequest upstream(WebSocketGraphQlRequest request, Caller caller) {
        Caller visibility = new Caller(caller.name(), caller.bindings(), null, null);
        WebSocketSessionInfo of = request.getSessionInfo();
        Map<String, Object> attributes = new HashMap<>(of.getAttributes());
        attributes.put(CallerInterceptor.CALLER, visibility);
        String id = "shared-" + executionIds.incrementAndGet();
        WebSocketSessionInfo shared = new WebSocketSessionInfo() {
            @Override
            public String getId() {
                return id;
            }

            @Override
            public Map<String, Object> getAttributes() {
                return attributes;
            }

            @Override
            public URI getUri() {
                return of.getUri();
            }

            @Override
            public HttpHeaders getHeaders() {
                return of.getHeaders();
            }

            @Override
            public Mono<Principal> getPrincipal() {
                return of.getPrincipal();
            }

            @Override
            public InetSocketAddress getRemoteAddress() {
                return of.getRemoteAddress();
            }
        };
        return new WebSocketGraphQlRequest(request.getUri().toUri(), request.getHeaders(), request.getCookies(),
                                           request.getRemoteAddress(), request.getAttributes(), request.toMap(),
                                           request.getId(), request.getLocale(), shared);
    }
}
