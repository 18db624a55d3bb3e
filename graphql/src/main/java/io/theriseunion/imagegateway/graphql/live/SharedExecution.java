package io.theriseunion.imagegateway.graphql.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ExecutionResult;
import io.theriseunion.imagegateway.app.live.SubscriberTooSlowException;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import org.springframework.graphql.server.WebGraphQlResponse;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One GraphQL execution of a subscription, shared by every subscriber with the same {@link SubscriptionKey}: each
 * event's selection runs once and is turned into JSON once ({@link SerialisedResult}), then handed to each
 * subscriber's outlet. An outlet holds at most {@code bufferSize} results its WebSocket has not taken yet; one more
 * and that subscriber is cut off: it still receives what its outlet holds, in order, then the error
 * SUBSCRIBER_TOO_SLOW. The others are never held back. The execution ends when its last subscriber leaves, or
 * when its stream ends (then every subscriber gets that end).
 */
final class SharedExecution {

    /** What the owner is told. */
    interface Listener {
        void subscriberJoined();

        void subscriberLeft();

        void payloadSerialised();

        void ended(SharedExecution execution);
    }

    private final SubscriptionKey key;
    private final ObjectMapper json;
    private final int bufferSize;
    private final Listener listener;
    private final List<Outlet> outlets = new CopyOnWriteArrayList<>();
    private final Sinks.One<WebGraphQlResponse> ready = Sinks.one();
    private Upstream upstream;
    private boolean ended;
    /** How the stream itself ended (an error, or null for its completion), once it has; then every late outlet gets it. */
    private Throwable streamError;
    private boolean streamEnded;

    SharedExecution(SubscriptionKey key, ObjectMapper json, int bufferSize, Listener listener) {
        this.key = key;
        this.json = json;
        this.bufferSize = bufferSize;
        this.listener = listener;
    }

    SubscriptionKey key() {
        return key;
    }

    /**
     * Runs the execution: once its answer is a stream, subscribes to it and is ready; an answer without a stream
     * (a refusal, an invalid document) ends it and is its answer.
     */
    @SuppressWarnings("unchecked")
    void start(Mono<WebGraphQlResponse> execution) {
        execution.subscribe(response -> {
            if (response.getData() instanceof Publisher<?> stream) {
                Upstream subscriber = new Upstream();
                synchronized (this) {
                    upstream = subscriber;
                }
                Flux.from((Publisher<ExecutionResult>) stream).subscribe(subscriber);
            } else {
                end();
            }
            ready.tryEmitValue(response);
        }, error -> {
            end();
            ready.tryEmitError(error);
        }, () -> {
            if (ready.tryEmitEmpty().isSuccess()) { // no answer at all
                end();
            }
        });
    }

    /** The execution's answer, once it has one. */
    Mono<WebGraphQlResponse> ready() {
        return ready.asMono();
    }

    /**
     * A new subscriber's outlet, or null when the execution was ended by its last subscriber leaving (then a new
     * one is needed). When the stream itself has ended (a refusal raised by the stream as it starts, such as
     * FORBIDDEN, or its completion), the outlet gives the subscriber that same end: joining again would only
     * meet it again.
     */
    synchronized Outlet attach() {
        if (streamEnded) {
            Outlet outlet = new Outlet();
            if (streamError != null) {
                outlet.sink.tryEmitError(streamError);
            } else {
                outlet.sink.tryEmitComplete();
            }
            return outlet;
        }
        if (ended) {
            return null;
        }
        Outlet outlet = new Outlet();
        outlets.add(outlet);
        listener.subscriberJoined();
        return outlet;
    }

    /** The subscriber leaves (it completed, cancelled, or was cut off); the last one ends the execution. */
    void detach(Outlet outlet) {
        Upstream cancel = null;
        synchronized (this) {
            if (!outlets.remove(outlet)) {
                return;
            }
            listener.subscriberLeft();
            if (outlets.isEmpty() && !ended) {
                ended = true;
                cancel = upstream;
            }
        }
        if (cancel != null) {
            listener.ended(this);
            cancel.dispose();
        }
    }

    private void end() {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
        }
        listener.ended(this);
    }

    /** The shared stream: each result is serialised once and offered to every outlet, in the stream's order. */
    private final class Upstream extends BaseSubscriber<ExecutionResult> {

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        protected void hookOnNext(ExecutionResult result) {
            SerialisedResult shared = SerialisedResult.of(result, json);
            listener.payloadSerialised();
            for (Outlet outlet : outlets) {
                outlet.offer(shared);
            }
        }

        @Override
        protected void hookOnError(Throwable error) {
            synchronized (SharedExecution.this) {
                streamEnded = true;
                streamError = error;
            }
            end();
            for (Outlet outlet : outlets) {
                outlet.sink.tryEmitError(error);
            }
        }

        @Override
        protected void hookOnComplete() {
            synchronized (SharedExecution.this) {
                streamEnded = true;
            }
            end();
            for (Outlet outlet : outlets) {
                outlet.sink.tryEmitComplete();
            }
        }
    }

    /**
     * One subscriber's place in the execution: a queue its WebSocket drains at its own pace. Only the execution's
     * stream (one thread at a time) puts results in.
     */
    final class Outlet {

        private final Sinks.Many<ExecutionResult> sink =
                Sinks.many().unicast().onBackpressureBuffer(Queues.<ExecutionResult>unbounded(16).get());
        private final AtomicInteger waiting = new AtomicInteger();

        private void offer(SerialisedResult result) {
            if (waiting.incrementAndGet() > bufferSize) {
                // cut off: what the queue holds is still delivered, then the error
                sink.tryEmitError(new SubscriberTooSlowException(bufferSize));
                detach(this);
                return;
            }
            sink.tryEmitNext(result);
        }

        /** The results, in order, as the subscriber's WebSocket takes them; the subscriber leaves when they end. */
        Flux<ExecutionResult> results() {
            return sink.asFlux().doOnNext(r -> waiting.decrementAndGet()).doFinally(signal -> detach(this));
        }
    }
}
