package io.theriseunion.imagegateway.app.config;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit log's event source on Axon's own event store: a batch is what the processor takes after its waiting
 * {@code hasNextAvailable} (the first event) while {@code peek} shows more, as Axon's tracking processor does.
 */
class GatheredEventsTests {

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
                                                               .storageEngine(new InMemoryEventStorageEngine())
                                                               .build();

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @Test
    void caughtUpTheEventsStoredWhileTheFirstWaitsJoinItsBatch() throws Exception {
        CountDownLatch firstSeen = new CountDownLatch(1);
        GatheredEvents gathered = new GatheredEvents(telling(firstSeen), Duration.ofSeconds(1), 50);
        store.publish(GenericEventMessage.asEventMessage("a"));
        try (BlockingStream<TrackedEventMessage<?>> stream = gathered.openStream(null)) {
            assertThat(batch(stream)).containsExactly("a"); // the first batch after opening: nothing held back

            store.publish(GenericEventMessage.asEventMessage("b"));
            CompletableFuture<List<Object>> next = CompletableFuture.supplyAsync(() -> batch(stream));
            firstSeen.await(5, TimeUnit.SECONDS);
            store.publish(GenericEventMessage.asEventMessage("c"));
            store.publish(GenericEventMessage.asEventMessage("d"));

            assertThat(next.get(10, TimeUnit.SECONDS)).containsExactly("b", "c", "d");
        }
    }

    @Test
    void withoutAGatherTheStoreIsReadAsItIs() {
        GatheredEvents gathered = new GatheredEvents(store, Duration.ZERO, 50);
        store.publish(GenericEventMessage.asEventMessage("a"));
        try (BlockingStream<TrackedEventMessage<?>> stream = gathered.openStream(null)) {
            assertThat(batch(stream)).containsExactly("a");
            store.publish(GenericEventMessage.asEventMessage("b"));
            store.publish(GenericEventMessage.asEventMessage("c"));
            // in one batch or two, as the store's reader has fetched them: nothing held back, nothing reordered
            List<Object> read = new ArrayList<>();
            while (read.size() < 2) {
                List<Object> batch = batch(stream);
                assertThat(batch).as("a batch after %s", read).isNotEmpty();
                read.addAll(batch);
            }
            assertThat(read).containsExactly("b", "c");
        }
    }

    @Test
    void anEventSomeoneWaitsForIsNotHeldBack() {
        List<Duration> holds = new ArrayList<>();
        GatheredEvents gathered = new GatheredEvents(store, Duration.ofMillis(100), 50, holds::add,
                                                     event -> "manual sync".equals(event.getPayload()));
        store.publish(GenericEventMessage.asEventMessage("a"));
        try (BlockingStream<TrackedEventMessage<?>> stream = gathered.openStream(null)) {
            assertThat(batch(stream)).containsExactly("a");

            store.publish(GenericEventMessage.asEventMessage("manual sync"));
            assertThat(batch(stream)).containsExactly("manual sync");
            assertThat(holds).isEmpty();

            store.publish(GenericEventMessage.asEventMessage("first sync"));
            assertThat(batch(stream)).containsExactly("first sync");
            assertThat(holds).containsExactly(Duration.ofMillis(100));
        }
    }

    /** What a tracking processor takes as one batch: the first available event, then while more are available. */
    private static List<Object> batch(BlockingStream<TrackedEventMessage<?>> stream) {
        try {
            List<Object> batch = new ArrayList<>();
            if (stream.hasNextAvailable(5, TimeUnit.SECONDS)) {
                batch.add(stream.nextAvailable().getPayload());
                while (stream.peek().isPresent()) {
                    batch.add(stream.nextAvailable().getPayload());
                }
            }
            return batch;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The store, telling once its stream has found an event available for a waiting call after the first one. */
    private org.axonframework.messaging.StreamableMessageSource<TrackedEventMessage<?>> telling(CountDownLatch seen) {
        return token -> new Telling(store.openStream(token), seen);
    }

    private static final class Telling implements BlockingStream<TrackedEventMessage<?>> {
        private final BlockingStream<TrackedEventMessage<?>> events;
        private final CountDownLatch seen;
        private int waits;

        Telling(BlockingStream<TrackedEventMessage<?>> events, CountDownLatch seen) {
            this.events = events;
            this.seen = seen;
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            boolean available = events.hasNextAvailable(timeout, unit);
            if (available && ++waits > 1) {
                seen.countDown();
            }
            return available;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return events.peek();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return events.nextAvailable();
        }

        @Override
        public void close() {
            events.close();
        }
    }
}
