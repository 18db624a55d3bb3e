package io.theriseunion.imagegateway.domain.repository;

import io.theriseunion.imagegateway.domain.api.AddRepositoryCommand;
import io.theriseunion.imagegateway.domain.api.EditRepositorySyncPolicyCommand;
import io.theriseunion.imagegateway.domain.api.EndOverdueSyncCommand;
import io.theriseunion.imagegateway.domain.api.RecordSyncResultCommand;
import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.RepositoryAddedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryDeletedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryId;
import io.theriseunion.imagegateway.domain.api.RepositoryNotFoundException;
import io.theriseunion.imagegateway.domain.api.RepositorySyncPolicyEditedEvent;
import io.theriseunion.imagegateway.domain.api.StaleVersionException;
import io.theriseunion.imagegateway.domain.api.SyncError;
import io.theriseunion.imagegateway.domain.api.SyncFailedEvent;
import io.theriseunion.imagegateway.domain.api.SyncRequestedEvent;
import io.theriseunion.imagegateway.domain.api.SyncTarget;
import io.theriseunion.imagegateway.domain.api.SyncTrigger;
import io.theriseunion.imagegateway.domain.api.ValidationException;
import io.theriseunion.imagegateway.domain.api.Violation;
import io.theriseunion.imagegateway.domain.registry.RegistrySourceDirectory;
import org.axonframework.messaging.Message;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Editing a repository's sync settings: the rules of an add, CONFLICT on a stale version, the next sync re-planned. */
class ImageRepositorySyncPolicyTests {

    private static final RepositoryId ID = RepositoryId.of("5f0c7a1e-0000-4000-8000-000000000021");
    private static final RegistryRef HARBOR = new RegistryRef("default", "harbor-prod");

    private AggregateTestFixture<ImageRepository> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ImageRepository.class);
        fixture.registerInjectableResource((RepositoryNames) (ns, name) -> Optional.empty());
        fixture.registerInjectableResource((RegistrySourceDirectory) ref -> ref.equals(HARBOR));
    }

    private static RepositoryAddedEvent added() {
        return new RepositoryAddedEvent(ID, "default", "nginx", null, null, HARBOR, "library/nginx", "latest", "1h",
                                        "10m", 3);
    }

    private static SyncRequestedEvent requested() {
        return new SyncRequestedEvent(ID, "run-1", SyncTrigger.CREATED, "system:catalogue",
                                      new SyncTarget("default", "nginx", HARBOR, "library/nginx", "latest", "10m", 3,
                                                     null, true),
                                      Instant.now().plusSeconds(600), "overdue-1");
    }

    private static SyncFailedEvent failed() {
        return new SyncFailedEvent(ID, "run-1", "default", "nginx", new SyncError("NETWORK", "refused", null), 4,
                                   Instant.now().plusSeconds(3600), "next-1");
    }

    private static EditRepositorySyncPolicyCommand edit(String interval, String timeout, Integer retries,
                                                        Long expectedVersion) {
        return new EditRepositorySyncPolicyCommand(ID, interval, timeout, retries, expectedVersion);
    }

    private static Matcher<List<Message<?>>> onlyEvent(Predicate<RepositorySyncPolicyEditedEvent> expected) {
        return Matchers.payloadsMatching(Matchers.exactSequenceOf(
                Matchers.<Object>predicate(p -> p instanceof RepositorySyncPolicyEditedEvent e && expected.test(e)),
                Matchers.andNoMore()));
    }

    @Test
    void canEditTheSyncPolicyAndTheNextSyncIsPlannedOneNewIntervalAfterTheLastRunEnded() {
        Duration wait = Duration.ofHours(2).plus(SyncSchedule.jitter(ID, Duration.ofHours(2)));
        fixture.given(added(), requested(), failed())
               .when(edit("120m", "30s", 5, 1L))
               .expectSuccessfulHandlerExecution()
               .expectResultMessagePayload(2L)
               .expectEventsMatching(onlyEvent(e -> e.syncInterval().equals("2h") && e.syncTimeout().equals("30s")
                       && e.retryCount() == 5 && e.previousSyncInterval().equals("1h")
                       && e.previousSyncTimeout().equals("10m") && e.previousRetryCount() == 3
                       && e.nextSyncAt().equals(fixture.currentTime().plus(wait)) && e.nextSyncScheduleId() == null))
               // the event carries the time; the scheduled checks read it (no interval deadline per repository)
               .expectNoScheduledDeadlines();
    }

    @Test
    void aShortenedIntervalThatIsAlreadyPastMakesTheNextSyncDueNow() {
        fixture.given(added(), requested(), failed())
               .andGivenCurrentTime(fixture.currentTime().plus(Duration.ofHours(3)))
               .when(edit("1m", null, null, null))
               .expectEventsMatching(onlyEvent(e -> e.syncInterval().equals("1m")
                       && e.nextSyncAt().equals(fixture.currentTime())))
               .expectNoScheduledDeadlines();
    }

    @Test
    void anEditWhileARunIsOpenPlansNothingAndTheRunsResultPlansWithTheNewInterval() {
        fixture.given(added(), requested())
               .when(edit("30m", null, null, null))
               .expectEventsMatching(onlyEvent(e -> e.syncInterval().equals("30m") && e.syncTimeout().equals("10m")
                       && e.retryCount() == 3 && e.nextSyncAt() == null && e.nextSyncScheduleId() == null))
               .expectNoScheduledDeadlines();
    }

    @Test
    void theResultOfARunOpenDuringTheEditPlansTheNextSyncWithTheNewInterval() {
        Duration wait = Duration.ofMinutes(30).plus(SyncSchedule.jitter(ID, Duration.ofMinutes(30)));
        fixture.given(added(), requested(), new RepositorySyncPolicyEditedEvent(ID, "default", "nginx", "30m", "1m",
                                                                              3, "1h", "10m", 3, null, null))
               .when(new RecordSyncResultCommand(ID, "run-1", null, null, null,
                                                 new SyncError("NETWORK", "refused", null), 1, 1))
               .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                       Matchers.<Object>predicate(p -> p instanceof SyncFailedEvent f
                               && f.nextSyncAt().equals(fixture.currentTime().plus(wait))
                               && f.nextSyncScheduleId() == null),
                       Matchers.andNoMore())));
    }

    @Test
    void aRunOpenDuringTheEditIsOverdueAfterTheTimeoutItWasRequestedWith() {
        // the add requested the first run with the add's timeout, 10m; the edit to 1m comes while it is open
        Instant t0 = Instant.parse("2024-01-08T08:00:00Z");
        SyncRequestedEvent open = new SyncRequestedEvent(ID, "run-1", SyncTrigger.CREATED, "system:catalogue",
                                                         new SyncTarget("default", "nginx", HARBOR, "library/nginx",
                                                                        "latest", "10m", 3, null, true),
                                                         t0.plus(Duration.ofMinutes(10)), null);
        RepositorySyncPolicyEditedEvent edited = new RepositorySyncPolicyEditedEvent(
                ID, "default", "nginx", "1h", "1m", 3, "1h", "10m", 3, null, null);
        fixture.givenCurrentTime(t0)
               .andGiven(added(), open, edited)
               .andGivenCurrentTime(t0.plus(Duration.ofMinutes(2)))
               .when(new EndOverdueSyncCommand(ID, "run-1"))
               .expectResultMessagePayload(false)
               .expectNoEvents();
        fixture.givenCurrentTime(t0)
               .andGiven(added(), open, edited)
               .andGivenCurrentTime(t0.plus(Duration.ofMinutes(10)))
               .when(new EndOverdueSyncCommand(ID, "run-1"))
               .expectResultMessagePayload(true)
               .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                       Matchers.<Object>predicate(p -> p instanceof SyncFailedEvent f
                               && f.error().code().equals("TIMEOUT")
                               && f.error().message().contains("within its syncTimeout of 10m")),
                       Matchers.andNoMore())));
    }

    @Test
    void changingOnlyTimeoutOrRetriesKeepsThePlannedSync() {
        fixture.given(added(), requested(), failed())
               .when(edit(null, "1m", 0, null))
               .expectEventsMatching(onlyEvent(e -> e.syncInterval().equals("1h") && e.syncTimeout().equals("1m")
                       && e.retryCount() == 0 && e.nextSyncAt() == null))
               .expectNoScheduledDeadlines();
    }

    @Test
    void anEditThatChangesNothingEmitsNothing() {
        fixture.given(added())
               .when(edit("60m", "600s", 3, 1L))
               .expectSuccessfulHandlerExecution()
               .expectResultMessagePayload(1L)
               .expectNoEvents();
    }

    @Test
    void cannotEditAStaleVersion() {
        fixture.given(added(), new RepositorySyncPolicyEditedEvent(ID, "default", "nginx", "2h", "10m", 3, "1h",
                                                                   "10m", 3, null, null))
               .when(edit("3h", null, null, 1L))
               .expectException(StaleVersionException.class)
               .expectNoEvents();
    }

    @Test
    void cannotEditWithValuesAnAddRefusesAndEveryFieldIsNamed() {
        fixture.given(added())
               .when(edit("30s", "25h", 11, null))
               .expectNoEvents()
               .expectException(Matchers.predicate(e -> e instanceof ValidationException v
                       && v.violations().stream().map(Violation::field).toList()
                           .equals(List.of("syncInterval", "syncTimeout", "retryCount"))));
    }

    @Test
    void cannotEditWithSomethingThatIsNoDuration() {
        fixture.given(added())
               .when(edit("soon", null, -1, null))
               .expectNoEvents()
               .expectException(ValidationException.class)
               .expectExceptionMessage(org.hamcrest.Matchers.containsString("syncInterval: must be a duration"));
    }

    @Test
    void cannotEditADeletedRepository() {
        fixture.given(added(), new RepositoryDeletedEvent(ID, "default", "nginx"))
               .when(edit("2h", null, null, null))
               .expectException(RepositoryNotFoundException.class)
               .expectNoEvents();
    }

    @Test
    void theVersionCountsThePolicyEdit() {
        fixture.given(added(), new RepositorySyncPolicyEditedEvent(ID, "default", "nginx", "2h", "10m", 3, "1h",
                                                                   "10m", 3, null, null))
               .when(edit(null, "20m", null, 2L))
               .expectResultMessagePayload(3L);
    }
}
