package io.theriseunion.imagegateway.app.live;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.theriseunion.imagegateway.domain.api.RegistrySourceAddedEvent;
import io.theriseunion.imagegateway.domain.api.RegistrySourceId;
import io.theriseunion.imagegateway.domain.api.RegistrySourceSettings;
import io.theriseunion.imagegateway.projections.audit.AuditLogFilter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A subscription cancelled while its event is being executed (a browser tab reloaded while a repositoryChanged
 * event's selection reads the database) lets that work end without interrupting its thread: an interrupt during
 * the embedded H2's file I/O closes the database for every request until a restart.
 */
class CancelledSubscriberTests {

    private final LiveUpdates live = new LiveUpdates(
            EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build(),
            new SimpleMeterRegistry(), 16);

    @Test
    void cancellingASubscriptionWhileItsEventIsBeingExecutedDoesNotInterruptTheThreadExecutingIt() {
        CountDownLatch executing = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        AtomicReference<Boolean> interrupted = new AtomicReference<>();
        Disposable subscription = live.auditEntries(AuditLogFilter.ALL).map(entry -> {
            executing.countDown();
            try {
                // stands for a database read under way when the subscriber goes away
                cancelled.await();
                interrupted.set(Thread.currentThread().isInterrupted());
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            return entry;
        }).subscribe();

        RegistrySourceAddedEvent added = new RegistrySourceAddedEvent(
                RegistrySourceId.of("ops", "r1"), "ops", "r1",
                new RegistrySourceSettings("https://r1.example", false, null, null, null, 4));
        live.on(added, GenericEventMessage.asEventMessage(added), new GlobalSequenceTrackingToken(1));
        await().until(() -> executing.getCount() == 0);
        subscription.dispose();
        cancelled.countDown();

        await().until(() -> interrupted.get() != null);
        assertThat(interrupted.get()).as("the executing thread was interrupted by the cancellation").isFalse();
    }
}
