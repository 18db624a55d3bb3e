package io.theriseunion.imagegateway.domain.sync;

import io.theriseunion.imagegateway.domain.api.RecordSyncResultCommand;
import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.RepositoryId;
import io.theriseunion.imagegateway.domain.api.RequestOrigin;
import io.theriseunion.imagegateway.domain.api.StartSyncCommand;
import io.theriseunion.imagegateway.domain.api.SyncError;
import io.theriseunion.imagegateway.domain.api.SyncRequestedEvent;
import io.theriseunion.imagegateway.domain.api.SyncTarget;
import io.theriseunion.imagegateway.domain.api.SyncTrigger;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sync process over a scripted registry port and a command bus that records results: waits are parked
 * and keep the run's count, and a run still reading at its deadline fails at once and frees its worker.
 */
class SyncProcessTests {

    private static final RegistryRef SLOW = new RegistryRef("tenant-a", "slow");
    private static final RegistryRef FAST = new RegistryRef("tenant-b", "fast");
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final Map<String, RecordSyncResultCommand> results = new ConcurrentHashMap<>();
    private final List<String> started = new CopyOnWriteArrayList<>();
    private final Map<RegistryRef, SyncError> down = new ConcurrentHashMap<>();
    private final Map<String, Function<SyncAttempt, SyncStep>> registry = new ConcurrentHashMap<>();
    private final List<SyncAttempt> attempts = new CopyOnWriteArrayList<>();
    private final CountDownLatch hang = new CountDownLatch(1);
    private final SyncWorkers workers = new SyncWorkers(1, 1, source -> 4, Clock.systemUTC());
    private final List<String> queued = new CopyOnWriteArrayList<>();
    private SyncProcess process;

    SyncProcessTests() {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(StartSyncCommand.class.getName(), m -> {
            started.add(((StartSyncCommand) m.getPayload()).runId());
            return null;
        });
        bus.subscribe(RecordSyncResultCommand.class.getName(), m -> {
            RecordSyncResultCommand c = (RecordSyncResultCommand) m.getPayload();
            results.put(c.runId(), c);
            return null;
        });
        RegistryPort port = new RegistryPort() {
            @Override
            public SyncStep attempt(SyncAttempt attempt) {
                attempts.add(attempt);
                return registry.get(attempt.target().name()).apply(attempt);
            }

            @Override
            public Optional<SyncError> endWithoutTrying(SyncTarget target) {
                return Optional.ofNullable(down.get(target.registry()));
            }

            @Override
            public int concurrencyLimit(RegistryRef source) {
                return 4;
            }
        };
        process = new SyncProcess(DefaultCommandGateway.builder().commandBus(bus).build()::sendAndWait, port, workers,
                                  (request, sequenceNumber, correlationId) -> queued.add(request.runId()),
                                  Duration.ofMinutes(1));
    }

    @AfterEach
    void stop() {
        hang.countDown();
        workers.close();
    }

    private static SyncRequestedEvent request(String name, RegistryRef source, Duration deadline) {
        return new SyncRequestedEvent(RepositoryId.of(UUID.randomUUID().toString()), UUID.randomUUID().toString(),
                                      SyncTrigger.MANUAL, "tester",
                                      new SyncTarget("tenant", name, source, "library/nginx", "latest", "10m", 3,
                                                     null, true),
                                      Instant.now().plus(deadline), null);
    }

    private static SyncStep success(int attempts) {
        return new SyncStep.Finished(new SyncOutcome("sha256:" + "a".repeat(64), null, List.of("latest"), null,
                                                     attempts, 1));
    }

    @Test
    void retriesAreParkedOffTheWorkerAndKeepTheRunsAttemptsAndDeadline() {
        registry.put("flaky", a -> a.attemptsBefore() < 2
                ? new SyncStep.RetryAt(Instant.now().plusMillis(100), a.attemptsBefore() + 1, 1)
                : success(a.attemptsBefore() + 1));
        SyncRequestedEvent flaky = request("flaky", SLOW, Duration.ofMinutes(10));

        process.run(flaky, "corr-1", false);

        await().atMost(PATIENCE).until(() -> results.containsKey(flaky.runId()));
        RecordSyncResultCommand result = results.get(flaky.runId());
        assertThat(result.error()).isNull();
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(result.requests()).isEqualTo(3);
        assertThat(attempts).extracting(SyncAttempt::attemptsBefore).containsExactly(0, 1, 2);
        assertThat(attempts).extracting(SyncAttempt::deadline).containsOnly(flaky.overdueAt());
        // the hold is let go once the result's command returns, a moment after the handler saw it
        await().atMost(PATIENCE).until(() -> !process.holds(flaky.runId()));
    }

    @Test
    void aRunOfASourceKnownToBeDownEndsAtOnceWithoutStartingOrAskingTheRegistry() {
        SyncError unavailable = new SyncError("SOURCE_UNAVAILABLE", "registry source tenant-a/slow is unavailable", null);
        down.put(SLOW, unavailable);
        registry.put("held", a -> success(1));
        SyncRequestedEvent held = request("held", SLOW, Duration.ofMinutes(10));

        process.run(held, "corr-held", false);

        await().atMost(PATIENCE).until(() -> results.containsKey(held.runId()));
        assertThat(results.get(held.runId()).error()).isEqualTo(unavailable);
        assertThat(started).doesNotContain(held.runId());
        assertThat(attempts).isEmpty();
        // the hold is let go once the result's command returns, a moment after the handler saw it
        await().atMost(PATIENCE).until(() -> !process.holds(held.runId()));

        down.clear();
        SyncRequestedEvent back = request("held", SLOW, Duration.ofMinutes(10));
        process.run(back, "corr-back", false);
        await().atMost(PATIENCE).until(() -> results.containsKey(back.runId()));
        assertThat(results.get(back.runId()).error()).isNull();
        assertThat(started).contains(back.runId());
    }

    @Test
    void aRunWaitingOutAPauseHoldsNoWorker() {
        registry.put("paused", a -> new SyncStep.RetryAt(Instant.now().plus(Duration.ofSeconds(30)), a.attemptsBefore(), 0));
        registry.put("other", a -> success(1));
        SyncRequestedEvent paused = request("paused", SLOW, Duration.ofMinutes(10));
        SyncRequestedEvent other = request("other", FAST, Duration.ofMinutes(10));

        process.run(paused, "corr-1", false);
        await().atMost(PATIENCE).until(() -> workers.backlog(SLOW).parked() == 1);
        process.run(other, "corr-2", false);

        await().atMost(PATIENCE).until(() -> results.containsKey(other.runId()));
        assertThat(results).doesNotContainKey(paused.runId());
        assertThat(process.holds(paused.runId())).isTrue();
    }

    @Test
    void aRunThatMustWaitLongerThanTheLongWaitGoesBackToTheQueueUntilThen() throws Exception {
        Instant pauseEnds = Instant.now().plus(Duration.ofMinutes(5));
        registry.put("paused", a -> new SyncStep.RetryAt(pauseEnds, a.attemptsBefore(), 1));
        SyncRequestedEvent paused = request("paused", SLOW, Duration.ofMinutes(10));

        SyncProcess.RunEnd end = process.run(paused, "corr-1", false).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        assertThat(end.dueAgainAt()).isEqualTo(pauseEnds);
        assertThat(process.holds(paused.runId())).isFalse();
        assertThat(workers.backlog(SLOW).parked()).isZero();
        assertThat(results).doesNotContainKey(paused.runId());
    }

    @Test
    void aRunStillReadingAtItsDeadlineFailsAsTimeoutAndFreesItsWorker() {
        registry.put("hanging", a -> {
            try {
                hang.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return success(1);
        });
        registry.put("other", a -> success(1));
        SyncRequestedEvent hanging = request("hanging", SLOW, Duration.ofMillis(500));
        SyncRequestedEvent other = request("other", FAST, Duration.ofMinutes(10));

        process.run(hanging, "corr-1", false);
        process.run(other, "corr-2", false);

        // the other run gets the freed worker; the hanging run's TIMEOUT is recorded as its worker lets go, which
        // may be just after the other run's quick result
        await().atMost(PATIENCE).until(() -> results.containsKey(other.runId()) && results.containsKey(hanging.runId()));
        RecordSyncResultCommand timedOut = results.get(hanging.runId());
        assertThat(timedOut.error().code()).isEqualTo("TIMEOUT");
        assertThat(timedOut.error().message()).contains("syncTimeout of 10m");
    }

    @Test
    void aStoppingNodeHandsBackTheRunsItHoldsButIsNotReadingAndFinishesTheOneItReads() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        registry.put("reading", a -> {
            reading.countDown();
            try {
                hang.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return success(1);
        });
        registry.put("paused", a -> new SyncStep.RetryAt(Instant.now().plus(Duration.ofSeconds(30)), a.attemptsBefore() + 1, 1));
        registry.put("waiting", a -> success(1));
        SyncRequestedEvent paused = request("paused", FAST, Duration.ofMinutes(10));
        SyncRequestedEvent readingRun = request("reading", SLOW, Duration.ofMinutes(10));
        SyncRequestedEvent waiting = request("waiting", SLOW, Duration.ofMinutes(10));

        CompletableFuture<SyncProcess.RunEnd> pausedEnd = process.run(paused, "corr-1", false);
        await().atMost(PATIENCE).until(() -> workers.backlog(FAST).parked() == 1);
        CompletableFuture<SyncProcess.RunEnd> readingEnd = process.run(readingRun, "corr-2", false);
        assertThat(reading.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        CompletableFuture<SyncProcess.RunEnd> waitingEnd = process.run(waiting, "corr-3", false);
        assertThat(workers.backlog(SLOW).queued()).isEqualTo(1);

        workers.drain();

        assertThat(pausedEnd).matches(f -> f.join().handedBack());
        assertThat(waitingEnd).matches(f -> f.join().handedBack());
        assertThat(process.holds(paused.runId())).isFalse();
        assertThat(process.holds(waiting.runId())).isFalse();
        assertThat(readingEnd).isNotDone();
        assertThat(workers.awaitIdle(Duration.ofMillis(50))).isFalse();

        hang.countDown();
        assertThat(readingEnd.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(SyncProcess.RunEnd.RECORDED);
        assertThat(results).containsOnlyKeys(readingRun.runId());
        assertThat(workers.awaitIdle(PATIENCE)).isTrue();
        // a handed-back run leaves no result behind, and nothing submitted after the drain runs here
        CompletableFuture<SyncProcess.RunEnd> late = process.run(request("waiting", FAST, Duration.ofMinutes(10)),
                                                                 "corr-4", false);
        assertThat(late).matches(f -> f.join().handedBack());
        assertThat(results).containsOnlyKeys(readingRun.runId());
    }

    @Test
    void aRunReadingWhenTheNodeStopsIsHandedBackWhenItWouldWaitForARetry() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        registry.put("flaky", a -> {
            reading.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new SyncStep.RetryAt(Instant.now().plusSeconds(1), a.attemptsBefore() + 1, 1);
        });
        SyncRequestedEvent flaky = request("flaky", SLOW, Duration.ofMinutes(10));
        CompletableFuture<SyncProcess.RunEnd> end = process.run(flaky, "corr-1", false);
        assertThat(reading.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        workers.drain();
        release.countDown();

        assertThat(end.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).handedBack()).isTrue();
        assertThat(results).doesNotContainKey(flaky.runId());
    }

    @Test
    void aRequestedRunGoesToTheQueueNotToTheWorkers() throws Exception {
        SyncRequestedEvent requested = request("queued", SLOW, Duration.ofMinutes(10));
        new AnnotationEventHandlerAdapter(process).handle(new GenericDomainEventMessage<>(
                "ImageRepository", requested.repositoryId().value(), 7, requested,
                MetaData.with(RequestOrigin.CORRELATION_ID, "corr-q")));
        assertThat(queued).containsExactly(requested.runId());
        assertThat(process.holds(requested.runId())).isFalse();
        assertThat(attempts).isEmpty();
    }
}
