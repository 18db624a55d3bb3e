package io.theriseunion.imagegateway.domain.repository;

import io.theriseunion.imagegateway.domain.api.RecordSyncResultCommand;
import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.RepositoryAddedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryDeletedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryId;
import io.theriseunion.imagegateway.domain.api.StartSyncCommand;
import io.theriseunion.imagegateway.domain.api.SyncError;
import io.theriseunion.imagegateway.domain.api.SyncFailedEvent;
import io.theriseunion.imagegateway.domain.api.SyncRequestedEvent;
import io.theriseunion.imagegateway.domain.api.SyncRunClosedException;
import io.theriseunion.imagegateway.domain.api.SyncStartedEvent;
import io.theriseunion.imagegateway.domain.api.SyncSucceededEvent;
import io.theriseunion.imagegateway.domain.api.SyncTarget;
import io.theriseunion.imagegateway.domain.api.SyncTrigger;
import io.theriseunion.imagegateway.domain.api.SyncedLayer;
import io.theriseunion.imagegateway.domain.api.SyncedManifest;
import io.theriseunion.imagegateway.domain.api.TriggerSyncCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The sync lifecycle of an ImageRepository: requests, coalescing, results, overdue runs, schedules. */
class SyncRunTests {

    private static final RepositoryId ID = RepositoryId.of("5f0c7a1e-0000-4000-8000-000000000002");
    private static final RegistryRef HARBOR = new RegistryRef("default", "harbor-prod");
    private static final SyncTarget TARGET = new SyncTarget("default", "nginx", HARBOR, "library/nginx", "latest",
                                                            "10m", 3, null, true);
    private static final Instant T0 = Instant.parse("2024-01-08T08:00:00Z");

    private AggregateTestFixture<ImageRepository> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ImageRepository.class);
        fixture.registerInjectableResource((RepositoryNames) (ns, name) -> Optional.empty());
        fixture.registerInjectableResource((io.theriseunion.imagegateway.domain.registry.RegistrySourceDirectory) ref -> true);
    }

    private static RepositoryAddedEvent added() {
        return new RepositoryAddedEvent(ID, "default", "nginx", null, null, HARBOR, "library/nginx", "latest", "1h",
                                        "10m", 3);
    }

    private static SyncRequestedEvent requested(String runId) {
        return new SyncRequestedEvent(ID, runId, SyncTrigger.CREATED, "system:catalogue", TARGET, T0.plusSeconds(600),
                                      "overdue-" + runId);
    }

    private static SyncedManifest manifest(String digest, String... layers) {
        return new SyncedManifest(digest, "application/vnd.oci.image.manifest.v1+json", "amd64", "linux", null, 100,
                                  T0, java.util.Arrays.stream(layers).map(l -> new SyncedLayer(l, 10, null)).toList(),
                                  List.of());
    }

    @Test
    void aRequestWhileARunIsOpenJoinsIt() {
        fixture.given(added(), requested("run-1"))
               .when(new TriggerSyncCommand(ID, SyncTrigger.MANUAL, "alice"))
               .expectResultMessagePayload("run-1")
               .expectNoEvents();
    }

    @Test
    void aManualRequestAfterARunOpensANewOneThatRefreshesTags() {
        fixture.given(added(), requested("run-1"),
                      new SyncSucceededEvent(ID, "run-1", "default", "nginx", "sha256:a", true, manifest("sha256:a", "l1"),
                                             List.of("l1"), List.of(), List.of("latest"), 1, 3, T0.plusSeconds(3600), "n1"))
               .when(new TriggerSyncCommand(ID, SyncTrigger.MANUAL, "alice"))
               .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                       Matchers.predicate(p -> p instanceof SyncRequestedEvent r && r.trigger() == SyncTrigger.MANUAL
                               && "alice".equals(r.requestedBy()) && "sha256:a".equals(r.target().knownDigest())
                               && r.target().refreshTags()),
                       Matchers.andNoMore())));
    }

    @Test
    void aRunStartsOnce() {
        fixture.given(added(), requested("run-1"))
               .when(new StartSyncCommand(ID, "run-1"))
               .expectEvents(new SyncStartedEvent(ID, "run-1", "default", "nginx"));
        fixture.given(added(), requested("run-1"), new SyncStartedEvent(ID, "run-1", "default", "nginx"))
               .when(new StartSyncCommand(ID, "run-1"))
               .expectException(SyncRunClosedException.class);
    }

    @Test
    void aSuccessComparesLayersWithThePreviousManifestAndSchedulesTheNextSync() {
        fixture.given(added(), requested("run-1"),
                      new SyncSucceededEvent(ID, "run-1", "default", "nginx", "sha256:a", true,
                                             manifest("sha256:a", "l1", "l2"), List.of("l1", "l2"), List.of(), null, 1,
                                             3, T0, "n1"),
                      new SyncRequestedEvent(ID, "run-2", SyncTrigger.MANUAL, "alice", TARGET, T0.plusSeconds(600), "o2"))
               .when(new RecordSyncResultCommand(ID, "run-2", "sha256:b", manifest("sha256:b", "l2", "l3"), null, null,
                                                 1, 4))
               .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                       Matchers.predicate(p -> p instanceof SyncSucceededEvent s && s.changed()
                               && s.layersAdded().equals(List.of("l3")) && s.layersRemoved().equals(List.of("l1"))
                               && s.nextSyncAt().equals(fixture.currentTime().plus(Duration.ofHours(1))
                                                                 .plus(SyncSchedule.jitter(ID, Duration.ofHours(1))))
                               && s.nextSyncScheduleId() == null),
                       Matchers.andNoMore())))
               // the time travels in the event to the scheduled checks; no interval deadline is stored
               .expectNoScheduledDeadlines();
    }

    @Test
    void anUnchangedDigestIsRecordedWithoutAManifest() {
        fixture.given(added(), requested("run-1"),
                      new SyncSucceededEvent(ID, "run-1", "default", "nginx", "sha256:a", true, manifest("sha256:a", "l1"),
                                             List.of("l1"), List.of(), null, 1, 3, T0, "n1"),
                      new SyncRequestedEvent(ID, "run-2", SyncTrigger.SCHEDULED, "system:scheduler", TARGET, T0, "o2"))
               .when(new RecordSyncResultCommand(ID, "run-2", "sha256:a", null, null, null, 1, 1))
               .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                       Matchers.predicate(p -> p instanceof SyncSucceededEvent s && !s.changed() && s.manifest() == null
                               && s.layersAdded().isEmpty() && s.layersRemoved().isEmpty()),
                       Matchers.andNoMore())));
    }

    @Test
    void aFailureIsRecordedWithItsCode() {
        fixture.given(added(), requested("run-1"))
               .when(new RecordSyncResultCommand(ID, "run-1", null, null, null,
                                                 new SyncError("NOT_FOUND", "no such tag", 404), 1, 1))
               .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                       Matchers.predicate(p -> p instanceof SyncFailedEvent f && f.error().code().equals("NOT_FOUND")
                               && f.error().httpStatus() == 404),
                       Matchers.andNoMore())));
    }

    @Test
    void aResultForAClosedRunIsRefused() {
        fixture.given(added(), requested("run-1"),
                      new SyncFailedEvent(ID, "run-1", "default", "nginx", new SyncError("TIMEOUT", "late", null), 0, T0, "n1"))
               .when(new RecordSyncResultCommand(ID, "run-1", "sha256:a", null, null, null, 1, 1))
               .expectException(SyncRunClosedException.class)
               .expectNoEvents();
    }

    @Test
    void aRunStillOpenAtItsDeadlineFailsAsTimeout() {
        fixture.givenCommands(new io.theriseunion.imagegateway.domain.api.AddRepositoryCommand(
                       ID, "default", "nginx", null, null, HARBOR, "library/nginx", "latest", null, "10m", null))
               .whenTimeElapses(Duration.ofMinutes(11))
               .expectDeadlinesMetMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                       Matchers.predicate(p -> p instanceof String), Matchers.andNoMore())))
               .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                       Matchers.predicate(p -> p instanceof SyncFailedEvent f && f.error().code().equals("TIMEOUT")),
                       Matchers.andNoMore())));
    }

    @Test
    void anIntervalDeadlineStoredBeforeTheScheduledChecksStillRequestsAScheduledSync() {
        fixture.given(added(), requested("run-1"),
                      new SyncSucceededEvent(ID, "run-1", "default", "nginx", "sha256:a", true, manifest("sha256:a", "l1"),
                                             List.of("l1"), List.of(), null, 1, 3, T0, "n1"))
               .whenInvoking(ID.value(), repository -> repository.scheduledSync(ID.value(),
                                                                                 new org.axonframework.test.deadline.StubDeadlineManager()))
               .expectEventsMatching(Matchers.payloadsMatching(Matchers.listWithAnyOf(
                       Matchers.predicate(p -> p instanceof SyncRequestedEvent r && r.trigger() == SyncTrigger.SCHEDULED
                               && "sha256:a".equals(r.target().knownDigest()) && !r.target().refreshTags()))));
    }

    @Test
    void deletingCancelsTheSchedule() {
        fixture.given(added(), requested("run-1"))
               .when(new io.theriseunion.imagegateway.domain.api.DeleteRepositoryCommand(ID))
               .expectEvents(new RepositoryDeletedEvent(ID, "default", "nginx"))
               .expectNoScheduledDeadlines();
    }
}
