package io.theriseunion.imagegateway.graphql.live;

import io.theriseunion.imagegateway.domain.api.ErrorCode;
import io.theriseunion.imagegateway.domain.api.GatewayException;
import io.theriseunion.imagegateway.graphql.limits.QueryLimits;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** How many subscriptions each WebSocket connection holds; one past the limit is refused (TOO_MANY_SUBSCRIPTIONS). */
@Component
public class SubscriptionCounter {

    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final int limit;

    public SubscriptionCounter(QueryLimits limits) {
        this.limit = limits.maxSubscriptions();
    }

    /** The stream, counted against its connection while it runs. */
    public <T> Flux<T> counted(String connection, Flux<T> stream) {
        if (connection == null) {
            return stream;
        }
        return Flux.defer(() -> {
            AtomicInteger count = open.computeIfAbsent(connection, c -> new AtomicInteger());
            if (count.incrementAndGet() > limit) {
                release(connection, count);
                return Flux.error(new TooManySubscriptionsException(limit));
            }
            return stream.doFinally(signal -> release(connection, count));
        });
    }

    private void release(String connection, AtomicInteger count) {
        if (count.decrementAndGet() <= 0) {
            open.remove(connection, count);
        }
    }

    /** TOO_MANY_SUBSCRIPTIONS. */
    static final class TooManySubscriptionsException extends GatewayException {
        TooManySubscriptionsException(int limit) {
            super(ErrorCode.TOO_MANY_SUBSCRIPTIONS, "this connection already holds " + limit + " subscriptions,"
                    + " the most allowed (gateway.graphql.max-subscriptions); complete one or open another connection");
        }
    }
}
