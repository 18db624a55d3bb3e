package io.theriseunion.imagegateway.graphql.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import io.theriseunion.imagegateway.app.access.ForbiddenException;
import io.theriseunion.imagegateway.domain.api.ErrorCode;
import io.theriseunion.imagegateway.domain.api.GatewayException;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fan-out of one shared execution: one serialisation per event for any number of subscribers, every event in
 * order to each, a subscriber that does not take its events cut off alone with SUBSCRIBER_TOO_SLOW after what its
 * buffer held, and the stream cancelled when the last subscriber leaves.
 */
class SharedExecutionTests {

    private static final int BUFFER = 8;

    private final Sinks.Many<ExecutionResult> events = Sinks.many().multicast().onBackpressureBuffer();
    private final AtomicInteger payloads = new AtomicInteger();
    private final AtomicInteger subscribers = new AtomicInteger();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean cancelled = new AtomicBoolean();

    private SharedExecution started() {
        return started(events.asFlux().doOnCancel(() -> cancelled.set(true)));
    }

    private SharedExecution started(Flux<ExecutionResult> events) {
        SharedExecution execution = new SharedExecution(
                new SubscriptionKey("subscription{x}", null, Map.of(), Set.of()), new ObjectMapper(), BUFFER,
                new SharedExecution.Listener() {
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
                        payloads.incrementAndGet();
                    }

                    @Override
                    public void ended(SharedExecution execution) {
                        ended.set(true);
                    }
                });
        ExecutionResult stream = ExecutionResult.newExecutionResult()
                                                .data(events).build();
        execution.start(Mono.just(new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(
                ExecutionInput.newExecutionInput("subscription { x }").build(), stream))));
        return execution;
    }

    private static ExecutionResult event(int n) {
        return ExecutionResult.newExecutionResult().data(Map.of("x", n)).build();
    }

    /** The JSON text the WebSocket handler writes for the result's data. */
    private static Object raw(ExecutionResult result) {
        return String.valueOf(((RawValue) result.toSpecification().get("data")).rawValue());
    }

    @Test
    void everySubscriberGetsEveryEventInOrderFromOneSerialisationPerEvent() {
        SharedExecution execution = started();
        List<List<Object>> seen = new ArrayList<>();
        for (int s = 0; s < 100; s++) {
            List<Object> mine = new ArrayList<>();
            seen.add(mine);
            execution.attach().results().subscribe(r -> mine.add(raw(r)));
        }
        IntStream.range(0, 5).forEach(n -> events.tryEmitNext(event(n)));

        List<Object> expected = IntStream.range(0, 5).mapToObj(n -> (Object) ("{\"x\":" + n + "}")).toList();
        assertThat(seen).allSatisfy(mine -> assertThat(mine).containsExactlyElementsOf(expected));
        assertThat(payloads).hasValue(5);
        assertThat(subscribers).hasValue(100);
    }

    @Test
    void aSubscriberThatDoesNotTakeItsEventsGetsItsBufferThenSubscriberTooSlowAlone() {
        SharedExecution execution = started();
        List<Object> quick = new ArrayList<>();
        execution.attach().results().subscribe(r -> quick.add(raw(r)));
        SharedExecution.Outlet slow = execution.attach();

        IntStream.range(0, BUFFER + 3).forEach(n -> events.tryEmitNext(event(n)));

        assertThat(quick).hasSize(BUFFER + 3);
        StepVerifier.create(slow.results().map(SharedExecutionTests::raw))
                    .expectNextSequence(IntStream.range(0, BUFFER).mapToObj(n -> (Object) ("{\"x\":" + n + "}")).toList())
                    .expectErrorSatisfies(e -> assertThat(GatewayException.findIn(e)).get()
                            .extracting(GatewayException::errorCode).isEqualTo(ErrorCode.SUBSCRIBER_TOO_SLOW))
                    .verify();
        assertThat(subscribers).hasValue(1);
        events.tryEmitNext(event(99));
        assertThat(quick).hasSize(BUFFER + 4);
    }

    @Test
    void theLastSubscriberLeavingCancelsTheStreamAndEndsTheExecution() {
        SharedExecution execution = started();
        var first = execution.attach().results().subscribe();
        var second = execution.attach().results().subscribe();
        var third = execution.attach().results().subscribe();

        first.dispose();
        second.dispose();
        assertThat(cancelled).isFalse();
        third.dispose();

        assertThat(cancelled).isTrue();
        assertThat(ended).isTrue();
        assertThat(execution.attach()).isNull();
    }

    @Test
    void aStreamThatFailsAsItStartsGivesItsFailureToEverySubscriberAndEndsTheExecution() {
        // a refusal raised by the stream itself (as the audit subscription refuses a caller without audit rights)
        SharedExecution execution = started(Flux.error(new ForbiddenException("not allowed")));

        assertThat(ended).isTrue();
        for (int s = 0; s < 2; s++) {
            StepVerifier.create(execution.attach().results())
                        .expectErrorSatisfies(e -> assertThat(GatewayException.findIn(e)).get()
                                .extracting(GatewayException::errorCode).isEqualTo(ErrorCode.FORBIDDEN))
                        .verify();
        }
        assertThat(subscribers).hasValue(0);
    }
}
