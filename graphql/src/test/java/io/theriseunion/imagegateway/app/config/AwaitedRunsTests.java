package io.theriseunion.imagegateway.app.config;

import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.RepositoryId;
import io.theriseunion.imagegateway.domain.api.SyncRequestedEvent;
import io.theriseunion.imagegateway.domain.api.SyncTarget;
import io.theriseunion.imagegateway.domain.api.SyncTrigger;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The sync process's hold ends when a run someone waits for is committed on this node, and only then. */
class AwaitedRunsTests {

    private static final RepositoryId ID = RepositoryId.of("5f0c7a1e-0000-4000-8000-00000000000b");
    private static final SyncTarget TARGET = new SyncTarget("default", "nginx", new RegistryRef("default", "harbor"),
                                                            "library/nginx", "latest", "10m", 3, null, true);
    /** a gather no test waits out: a hold that ends within a few seconds was ended by a request */
    private static final Duration LONG = Duration.ofSeconds(60);
    /** a gather a test waits out, to see that nothing ended it early */
    private static final Duration SHORT = Duration.ofMillis(400);

    private final EventBus events = SimpleEventBus.builder().build();
    private final AwaitedRuns awaited = new AwaitedRuns(events);
    private final ExecutorService processor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        processor.shutdownNow();
    }

    @Test
    void anOperatorsSyncCommittedDuringTheHoldEndsIt() throws Exception {
        CompletableFuture<Void> hold = waitingHold(LONG);

        commit(requested(SyncTrigger.MANUAL));

        hold.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aRegistryPushCommittedJustBeforeTheHoldMeansNoHold() throws Exception {
        commit(requested(SyncTrigger.WEBHOOK));

        holdInBackground(LONG, new AtomicReference<>()).get(10, TimeUnit.SECONDS);
    }

    @Test
    void scheduledRunsAndFirstSyncsAreGatheredForTheWholeHold() throws Exception {
        long start = System.nanoTime();
        CompletableFuture<Void> hold = waitingHold(SHORT);

        commit(requested(SyncTrigger.SCHEDULED));
        commit(requested(SyncTrigger.CREATED));

        assertHeldTheWhole(hold, start);
    }

    @Test
    void aRequestWhoseCommitFailsDoesNotEndTheHold() throws Exception {
        long start = System.nanoTime();
        CompletableFuture<Void> hold = waitingHold(SHORT);

        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        events.publish(GenericEventMessage.asEventMessage(requested(SyncTrigger.MANUAL)));
        // after the bus has handed the events to its subscribers, the database refuses the commit
        unitOfWork.onPrepareCommit(u -> {
            throw new IllegalStateException("the database refused the commit");
        });
        assertThatThrownBy(unitOfWork::commit).hasMessage("the database refused the commit");

        assertHeldTheWhole(hold, start);
    }

    @Test
    void onlyManualAndWebhookRunsAreAwaited() {
        assertThat(AwaitedRuns.awaited(GenericEventMessage.asEventMessage(requested(SyncTrigger.MANUAL)))).isTrue();
        assertThat(AwaitedRuns.awaited(GenericEventMessage.asEventMessage(requested(SyncTrigger.WEBHOOK)))).isTrue();
        assertThat(AwaitedRuns.awaited(GenericEventMessage.asEventMessage(requested(SyncTrigger.SCHEDULED)))).isFalse();
        assertThat(AwaitedRuns.awaited(GenericEventMessage.asEventMessage(requested(SyncTrigger.CREATED)))).isFalse();
    }

    private CompletableFuture<Void> holdInBackground(Duration most, AtomicReference<Thread> holding) {
        return CompletableFuture.runAsync(() -> {
            holding.set(Thread.currentThread());
            try {
                awaited.holdUnlessRequested(most);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, processor);
    }

    /** A hold begun in the background, once it waits: a request committed after this is one made during it. */
    private CompletableFuture<Void> waitingHold(Duration most) {
        AtomicReference<Thread> holding = new AtomicReference<>();
        CompletableFuture<Void> hold = holdInBackground(most, holding);
        await("the hold waits").atMost(Duration.ofSeconds(10))
                               .until(() -> holding.get() != null
                                       && holding.get().getState() == Thread.State.TIMED_WAITING);
        return hold;
    }

    private static void assertHeldTheWhole(CompletableFuture<Void> hold, long start) throws Exception {
        hold.get(10, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SHORT);
    }

    /** Published in a unit of work and committed, as a command's events are. */
    private void commit(SyncRequestedEvent event) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        events.publish(GenericEventMessage.asEventMessage(event));
        unitOfWork.commit();
    }

    private static SyncRequestedEvent requested(SyncTrigger trigger) {
        return new SyncRequestedEvent(ID, "run-" + trigger, trigger, "alice", TARGET, Instant.EPOCH, null);
    }
}
