package io.theriseunion.imagegateway.app.live;

import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.RepositoryAddedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryId;
import io.theriseunion.imagegateway.domain.api.RepositoryMetadataEditedEvent;
import io.theriseunion.imagegateway.domain.api.SyncError;
import io.theriseunion.imagegateway.domain.api.SyncFailedEvent;
import io.theriseunion.imagegateway.domain.api.SyncRequestedEvent;
import io.theriseunion.imagegateway.domain.api.SyncStartedEvent;
import io.theriseunion.imagegateway.domain.api.SyncStatus;
import io.theriseunion.imagegateway.domain.api.SyncSucceededEvent;
import io.theriseunion.imagegateway.domain.api.SyncTarget;
import io.theriseunion.imagegateway.domain.api.SyncTrigger;
import io.theriseunion.imagegateway.projections.sync.SyncRunStatus;
import io.theriseunion.imagegateway.projections.sync.SyncRunView;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node that starts after a repository has a long history tells the right previous status and run for its next
 * change, and learns them from the end of the repository's stream, not by replaying all of it.
 */
class SyncStatusTimelineTests {

    private static final RepositoryId ID = RepositoryId.of("5f0c7a1e-0000-4000-8000-00000000000a");
    private static final Instant T0 = Instant.parse("2024-01-08T08:00:00Z");
    private static final SyncTarget TARGET = new SyncTarget("default", "nginx", new RegistryRef("default", "harbor"),
                                                            "library/nginx", "latest", "10m", 3, null, true);

    /** The in-memory storage engine, counting the events read back from it. */
    static final class CountingStorage extends InMemoryEventStorageEngine {
        final AtomicInteger read = new AtomicInteger();

        @Override
        public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
            DomainEventStream stream = super.readEvents(aggregateIdentifier, firstSequenceNumber);
            return DomainEventStream.of(stream.asStream().peek(e -> read.incrementAndGet()),
                                        stream::getLastSequenceNumber);
        }
    }

    private final CountingStorage storage = new CountingStorage();
    private final EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(storage).build();
    private long sequence;

    @AfterEach
    void stop() {
        store.shutDown();
    }

    private DomainEventMessage<?> append(Object payload) {
        DomainEventMessage<?> event = new GenericDomainEventMessage<>("ImageRepository", ID.value(), sequence, payload,
                                                                       java.util.Map.of(),
                                                                       java.util.UUID.randomUUID().toString(),
                                                                       T0.plusSeconds(sequence));
        sequence++;
        storage.appendEvents(event);
        return event;
    }

    private void cycle(String runId, SyncTrigger trigger, boolean succeeds) {
        append(new SyncRequestedEvent(ID, runId, trigger, "system:scheduler", TARGET, T0, "overdue-" + runId));
        append(new SyncStartedEvent(ID, runId, "default", "nginx"));
        if (succeeds) {
            append(new SyncSucceededEvent(ID, runId, "default", "nginx", "sha256:a", false, null, List.of(), List.of(),
                                          null, 1, 2, T0, "next-" + runId));
        } else {
            append(new SyncFailedEvent(ID, runId, "default", "nginx", new SyncError("NETWORK", "refused", null), 1, T0,
                                       "next-" + runId));
        }
    }

    @Test
    void afterARestartTheNextChangeKnowsItsPreviousStatusFromTheEndOfTheStream() {
        append(new RepositoryAddedEvent(ID, "default", "nginx", null, null, new RegistryRef("default", "harbor"),
                                        "library/nginx", "latest", "1m", "10m", 3));
        for (int i = 0; i < 200; i++) {
            cycle("run-" + i, SyncTrigger.SCHEDULED, i % 2 == 0);
        }
        append(new RepositoryMetadataEditedEvent(ID, "default", "nginx", "Nginx", null, null, null));
        cycle("run-last", SyncTrigger.SCHEDULED, false);

        SyncStatusTimeline restarted = new SyncStatusTimeline(store);
        int before = storage.read.get();
        DomainEventMessage<?> requested = append(new SyncRequestedEvent(ID, "run-next", SyncTrigger.MANUAL, "alice",
                                                                         TARGET, T0, "overdue-next"));
        assertThat(restarted.apply(requested)).isEmpty(); // a request does not move the status
        Optional<SyncStatusChange> started = restarted.apply(append(new SyncStartedEvent(ID, "run-next", "default",
                                                                                         "nginx")));

        assertThat(started).hasValueSatisfying(change -> {
            assertThat(change.previousStatus()).isEqualTo(SyncStatus.FAILED);
            assertThat(change.syncStatus()).isEqualTo(SyncStatus.SYNCING);
            assertThat(change.syncRun().id()).isEqualTo("run-next");
            assertThat(change.syncRun().trigger()).isEqualTo(SyncTrigger.MANUAL);
            assertThat(change.syncRun().requestedBy()).isEqualTo("alice");
        });
        // 605 events in the stream; the restarted timeline read back a handful of them
        assertThat(storage.read.get() - before).isLessThan(20);
    }

    @Test
    void aRecallThatMustReachFurtherBackWidensUntilTheLastRequest() {
        append(new RepositoryAddedEvent(ID, "default", "nginx", null, null, new RegistryRef("default", "harbor"),
                                        "library/nginx", "latest", "1m", "10m", 3));
        cycle("run-0", SyncTrigger.CREATED, true);
        for (int i = 0; i < 50; i++) {
            append(new RepositoryMetadataEditedEvent(ID, "default", "nginx", "n" + i, null, null, null));
        }

        SyncStatusTimeline restarted = new SyncStatusTimeline(store);
        append(new SyncRequestedEvent(ID, "run-1", SyncTrigger.MANUAL, "bob", TARGET, T0, "overdue-1"));
        Optional<SyncStatusChange> failed = restarted.apply(append(new SyncFailedEvent(
                ID, "run-1", "default", "nginx", new SyncError("NETWORK", "refused", null), 1, T0, "next-1")));

        assertThat(failed).hasValueSatisfying(change -> {
            assertThat(change.previousStatus()).isEqualTo(SyncStatus.SUCCESS);
            assertThat(change.syncStatus()).isEqualTo(SyncStatus.FAILED);
            assertThat(change.syncRun().trigger()).isEqualTo(SyncTrigger.MANUAL);
        });
    }

    @Test
    void aChangeCarriesItsRunAsTheSyncHistoryShowsIt() {
        SyncStatusTimeline timeline = new SyncStatusTimeline(store);
        timeline.apply(append(new RepositoryAddedEvent(ID, "default", "nginx", null, null,
                                                       new RegistryRef("default", "harbor"), "library/nginx", "latest",
                                                       "1m", "10m", 3)));
        DomainEventMessage<?> requested = append(new SyncRequestedEvent(ID, "run-1", SyncTrigger.CREATED,
                                                                         "system:catalogue", TARGET, T0, "overdue-1"));
        DomainEventMessage<?> started = append(new SyncStartedEvent(ID, "run-1", "default", "nginx"));
        DomainEventMessage<?> succeeded = append(new SyncSucceededEvent(
                ID, "run-1", "default", "nginx", "sha256:a", true, null, List.of("sha256:l1"), List.of("sha256:l0"),
                List.of("latest"), 2, 3, T0, "next-1"));
        SyncRunView history = null;
        for (DomainEventMessage<?> e : List.of(requested, started, succeeded)) {
            history = SyncRunView.after(history, e.getPayload(), e.getTimestamp());
        }

        timeline.apply(requested);
        timeline.apply(started);
        Optional<SyncStatusChange> change = timeline.apply(succeeded);

        assertThat(change).hasValueSatisfying(c -> {
            assertThat(c.previousStatus()).isEqualTo(SyncStatus.SYNCING);
            assertThat(c.syncStatus()).isEqualTo(SyncStatus.SUCCESS);
            assertThat(c.namespace()).isEqualTo("default");
            assertThat(c.name()).isEqualTo("nginx");
            assertThat(c.syncRun().status()).isEqualTo(SyncRunStatus.SUCCESS);
            assertThat(c.syncRun().layersAdded()).containsExactly("sha256:l1");
        });
        assertThat(change.get().syncRun()).usingRecursiveComparison().isEqualTo(history);
    }

    @Test
    void aResultOfARunNeverSeenRequestedHasNoRunRatherThanAnInventedOne() {
        append(new RepositoryAddedEvent(ID, "default", "nginx", null, null, new RegistryRef("default", "harbor"),
                                        "library/nginx", "latest", "1m", "10m", 3));

        SyncStatusTimeline restarted = new SyncStatusTimeline(store);
        Optional<SyncStatusChange> failed = restarted.apply(append(new SyncFailedEvent(
                ID, "run-x", "default", "nginx", new SyncError("TIMEOUT", "late", null), 0, T0, "next-x")));

        assertThat(failed).hasValueSatisfying(change -> {
            assertThat(change.previousStatus()).isEqualTo(SyncStatus.PENDING);
            assertThat(change.syncStatus()).isEqualTo(SyncStatus.FAILED);
            assertThat(change.syncRun()).isNull();
        });
    }

    @Test
    void anEditMovesNoStatusAndReadsNothingBack() {
        append(new RepositoryAddedEvent(ID, "default", "nginx", null, null, new RegistryRef("default", "harbor"),
                                        "library/nginx", "latest", "1m", "10m", 3));
        cycle("run-0", SyncTrigger.CREATED, true);

        SyncStatusTimeline restarted = new SyncStatusTimeline(store);
        int before = storage.read.get();

        assertThat(restarted.apply(append(new RepositoryMetadataEditedEvent(ID, "default", "nginx", "Nginx", null, null,
                                                                            null)))).isEmpty();
        assertThat(storage.read.get()).isEqualTo(before);
    }
}
