package io.theriseunion.imagegateway.domain.repository;

import io.theriseunion.imagegateway.domain.api.EndOverdueSyncCommand;
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
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.deadline.StubDeadlineManager;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

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
                                      null);
    }

    /** A request stored by a gateway before the sweep of overdue runs: it stored an overdue deadline for the run. */
    private static SyncRequestedEvent requestedWithDeadline(String runId) {
        return new SyncRequestedEvent(ID, runId, SyncTrigger.CREATED, "system:catalogue", TARGET, T0.plusSeconds(600),
                                      "overdue-" + runId);
    }

    private static boolean overdueTimeout(Object p) {
        return p instanceof SyncFailedEvent f && f.runId().equals("run-1") && f.error().code().equals("TIMEOUT")
                && f.error().message().equals("the sync did not finish within its syncTimeout of 10m (the gateway"
                                                      + " may have restarted meanwhile)")
                && f.attempts() == 0;
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
    void aRequestedRunStoresNoDeadlineAndCarriesWhenItIsOverdue() {
        fixture.givenCommands(new io.theriseunion.imagegateway.domain.api.AddRepositoryCommand(
                       ID, "default", "nginx", null, null, HARBOR, "library/nginx", "latest", null, "10m", null))
               .when(new TriggerSyncCommand(ID, SyncTrigger.MANUAL, "alice"))
               .expectNoEvents() // joins the add's run
               .expectNoScheduledDeadlines();
        fixture.given(added(), requested("run-1"),
                      new SyncFailedEvent(ID, "run-1", "default", "nginx", new SyncError("NETWORK", "refused", null), 1,
                                          T0, null))
               .when(new TriggerSyncCommand(ID, SyncTrigger.MANUAL, "alice"))
               .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                       Matchers.predicate(p -> p instanceof SyncRequestedEvent r && r.overdueScheduleId() == null
                               && r.overdueAt().equals(fixture.currentTime().plus(Duration.ofMinutes(10)))),
                       Matchers.andNoMore())))
               .expectNoScheduledDeadlines();
    }

    @Test
    void anOverdueRunEndsAsTimeoutWhenTheSweepFindsIt() {
        fixture.given(added(), requested("run-1"))
               .andGivenCurrentTime(T0.plusSeconds(661))
               .when(new EndOverdueSyncCommand(ID, "run-1"))
               .expectResultMessagePayload(true)
               .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                       Matchers.predicate(SyncRunTests::overdueTimeout), Matchers.andNoMore())));
        // the run is closed: its worker's late result is refused, as after the overdue deadline of old
        fixture.given(added(), requested("run-1"),
                      new SyncFailedEvent(ID, "run-1", "default", "nginx", new SyncError("TIMEOUT", "late", null), 0,
                                          T0, null))
               .when(new RecordSyncResultCommand(ID, "run-1", "sha256:a", null, null, null, 1, 1))
               .expectException(SyncRunClosedException.class);
    }

    @Test
    void theSweepLeavesARunAloneThatIsClosedOrNotOverdueYet() {
        // another node's sweep (or the run's result) closed it first
        fixture.given(added(), requested("run-1"),
                      new SyncFailedEvent(ID, "run-1", "default", "nginx", new SyncError("TIMEOUT", "late", null), 0,
                                          T0, null))
               .andGivenCurrentTime(T0.plusSeconds(3600))
               .when(new EndOverdueSyncCommand(ID, "run-1"))
               .expectSuccessfulHandlerExecution()
               .expectResultMessagePayload(false)
               .expectNoEvents();
        // a later run is open: the swept one is not it
        fixture.given(added(), requested("run-1"),
                      new SyncFailedEvent(ID, "run-1", "default", "nginx", new SyncError("NETWORK", "refused", null), 1,
                                          T0, null),
                      requested("run-2"))
               .andGivenCurrentTime(T0.plusSeconds(3600))
               .when(new EndOverdueSyncCommand(ID, "run-1"))
               .expectResultMessagePayload(false)
               .expectNoEvents();
        // this node's clock says the run still has time
        fixture.given(added(), requested("run-1"))
               .andGivenCurrentTime(T0.plusSeconds(599))
               .when(new EndOverdueSyncCommand(ID, "run-1"))
               .expectResultMessagePayload(false)
               .expectNoEvents();
        // the repository was deleted with the run open
        fixture.given(added(), requested("run-1"), new RepositoryDeletedEvent(ID, "default", "nginx"))
               .andGivenCurrentTime(T0.plusSeconds(3600))
               .when(new EndOverdueSyncCommand(ID, "run-1"))
               .expectResultMessagePayload(false)
               .expectNoEvents();
    }

    @Test
    void anOverdueDeadlineStoredByAnOlderGatewayStillEndsTheRunAsTheSweepDoes() {
        fixture.given(added(), requestedWithDeadline("run-1"))
               .andGivenCurrentTime(T0.plusSeconds(600))
               .whenInvoking(ID.value(), repository -> repository.overdue(
                       "run-1", new org.axonframework.test.deadline.StubDeadlineManager()))
               .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                       Matchers.predicate(SyncRunTests::overdueTimeout), Matchers.andNoMore())));
        // the sweep came first: the deadline finds the run closed
        fixture.given(added(), requestedWithDeadline("run-1"),
                      new SyncFailedEvent(ID, "run-1", "default", "nginx", new SyncError("TIMEOUT", "late", null), 0,
                                          T0, null))
               .whenInvoking(ID.value(), repository -> repository.overdue(
                       "run-1", new org.axonframework.test.deadline.StubDeadlineManager()))
               .expectNoEvents();
    }

    @Test
    void theSweepCancelsTheOverdueDeadlineAnOlderGatewayStoredForTheRun() {
        StubDeadlineManager deadlines = new StubDeadlineManager(T0);
        String stored = deadlines.schedule(Duration.ofMinutes(10), SyncSchedule.SYNC_OVERDUE, "run-1",
                                           new AggregateScopeDescriptor("ImageRepository", ID::value));
        fixture.given(added(), new SyncRequestedEvent(ID, "run-1", SyncTrigger.CREATED, "system:catalogue", TARGET,
                                                      T0.plusSeconds(600), stored))
               .andGivenCurrentTime(T0.plusSeconds(661))
               .whenInvoking(ID.value(), repository -> assertThat(repository.handle(
                       new EndOverdueSyncCommand(ID, "run-1"), deadlines)).isTrue())
               .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                       Matchers.predicate(SyncRunTests::overdueTimeout), Matchers.andNoMore())));
        assertThat(deadlines.getScheduledDeadlines()).isEmpty();
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
