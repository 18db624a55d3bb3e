package io.theriseunion.imagegateway.app.live;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.theriseunion.imagegateway.domain.api.RegistrySourceAddedEvent;
import io.theriseunion.imagegateway.domain.api.RegistrySourceId;
import io.theriseunion.imagegateway.domain.api.RegistrySourceSettings;
import io.theriseunion.imagegateway.projections.audit.AuditEntry;
import io.theriseunion.imagegateway.projections.audit.AuditLogFilter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Each subscriber has its own bounded buffer: one that does not read is cut off, the others get everything. */
class SubscriberBufferTests {

    private static final int BUFFER = 16;

    private final LiveUpdates live = new LiveUpdates(
            EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build(),
            new SimpleMeterRegistry(), BUFFER);

    private void publish(int position) {
        RegistrySourceAddedEvent added = new RegistrySourceAddedEvent(
                RegistrySourceId.of("ops", "r" + position), "ops", "r" + position,
                new RegistrySourceSettings("https://r" + position + ".example", false, null, null, null, 4));
        live.on(added, GenericEventMessage.asEventMessage(added), new GlobalSequenceTrackingToken(position));
    }

    @Test
    void aSubscriberThatFallsBehindIsCutOffWithSubscriberTooSlowAfterWhatItsBufferHeldAndTheOthersGetEverything() {
        AtomicReference<Throwable> slowError = new AtomicReference<>();
        List<AuditEntry> slowSeen = new CopyOnWriteArrayList<>();
        BaseSubscriber<AuditEntry> slow = new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                // asks for nothing yet: does not read
            }

            @Override
            protected void hookOnNext(AuditEntry entry) {
                slowSeen.add(entry);
            }

            @Override
            protected void hookOnError(Throwable error) {
                slowError.set(error);
            }
        };
        live.auditEntries(AuditLogFilter.ALL).subscribe(slow);
        List<AuditEntry> fast = new CopyOnWriteArrayList<>();
        live.auditEntries(AuditLogFilter.ALL).subscribe(fast::add);

        // more than the slow one's buffer and the 32 its worker prefetches; in small steps that the reading
        // subscriber keeps up with, as a subscriber that reads does
        for (int i = 1; i <= BUFFER * 5; i++) {
            publish(i);
            if (i % 8 == 0) {
                int sent = i;
                await().atMost(Duration.ofSeconds(30)).until(() -> fast.size() == sent);
            }
        }

        assertThat(slowSeen).isEmpty();
        slow.request(Long.MAX_VALUE);
        // it gets what its buffer held, then the error: the gap is never silent
        await().atMost(Duration.ofSeconds(30)).until(() -> slowError.get() != null);
        assertThat(slowSeen).hasSizeBetween(BUFFER, BUFFER + 32);
        assertThat(slowSeen.get(0).targetName()).isEqualTo("r1");
        assertThat(slowError.get()).isInstanceOf(SubscriberTooSlowException.class);
        assertThat(((SubscriberTooSlowException) slowError.get()).code()).isEqualTo("SUBSCRIBER_TOO_SLOW");
        await().atMost(Duration.ofSeconds(30)).until(() -> fast.size() == BUFFER * 5);
        assertThat(fast).extracting(AuditEntry::action).containsOnly("registry.added");
        assertThat(fast.get(0).targetName()).isEqualTo("r1");
    }
}
