package io.theriseunion.imagegateway.domain.repository;

import io.theriseunion.imagegateway.domain.api.AddRepositoryCommand;
import io.theriseunion.imagegateway.domain.api.DeleteRepositoryCommand;
import io.theriseunion.imagegateway.domain.api.EditRepositoryMetadataCommand;
import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.RepositoryAddedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryAlreadyExistsException;
import io.theriseunion.imagegateway.domain.api.RepositoryDeletedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryId;
import io.theriseunion.imagegateway.domain.api.RepositoryMetadataEditedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryNotFoundException;
import io.theriseunion.imagegateway.domain.api.StaleVersionException;
import io.theriseunion.imagegateway.domain.api.ValidationException;
import io.theriseunion.imagegateway.domain.api.Violation;
import io.theriseunion.imagegateway.domain.registry.RegistrySourceDirectory;
import io.theriseunion.imagegateway.domain.api.SyncRequestedEvent;
import io.theriseunion.imagegateway.domain.api.SyncTrigger;
import io.theriseunion.imagegateway.domain.api.ResumeSyncCommand;
import io.theriseunion.imagegateway.domain.api.StartSyncCommand;
import io.theriseunion.imagegateway.domain.api.SyncError;
import io.theriseunion.imagegateway.domain.api.SyncFailedEvent;
import io.theriseunion.imagegateway.domain.api.SyncRunClosedException;
import io.theriseunion.imagegateway.domain.api.SyncStartedEvent;
import io.theriseunion.imagegateway.domain.api.SyncTarget;
import org.axonframework.messaging.Message;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Matcher;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

class ImageRepositoryTests {

    private static final RepositoryId ID = RepositoryId.of("5f0c7a1e-0000-4000-8000-000000000001");
    private static final RegistryRef HARBOR = new RegistryRef("default", "harbor-prod");

    private final Map<String, RepositoryId> liveNames = new HashMap<>();
    private AggregateTestFixture<ImageRepository> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ImageRepository.class);
        fixture.registerInjectableResource((RepositoryNames) (ns, name) -> Optional.ofNullable(liveNames.get(ns + "/" + name)));
        fixture.registerInjectableResource((RegistrySourceDirectory) ref -> ref.equals(HARBOR));
    }

    private static AddRepositoryCommand add(String interval, String timeout, Integer retries) {
        return new AddRepositoryCommand(ID, "default", "nginx-latest", "Nginx 最新版本", "Nginx web 服务器",
                                        HARBOR, "library/nginx", "latest", interval, timeout, retries);
    }

    private static RepositoryAddedEvent added() {
        return new RepositoryAddedEvent(ID, "default", "nginx-latest", "Nginx 最新版本", "Nginx web 服务器",
                                        HARBOR, "library/nginx", "latest", "1h", "10m", 3);
    }

    /** An add is recorded with its first sync request (trigger CREATED), whose run id is random. */
    static Matcher<List<Message<?>>> addedAndSyncRequested(RepositoryAddedEvent added) {
        return Matchers.payloadsMatching(Matchers.exactSequenceOf(
                Matchers.<Object>equalTo(added),
                Matchers.<Object>predicate(p -> p instanceof SyncRequestedEvent r && r.trigger() == SyncTrigger.CREATED
                        && r.target().knownDigest() == null && r.target().refreshTags()
                        && r.target().syncTimeout().equals(added.syncTimeout())),
                Matchers.andNoMore()));
    }

    @Test
    void canAddRepositoryWithDefaultsAndItsFirstSyncIsRequested() {
        fixture.givenNoPriorActivity()
               .when(add(null, null, null))
               .expectSuccessfulHandlerExecution()
               .expectEventsMatching(addedAndSyncRequested(added()))
               // the run is overdue 10m from now (its syncTimeout); no deadline is stored for it
               .expectEventsMatching(Matchers.payloadsMatching(Matchers.listWithAnyOf(
                       Matchers.<Object>predicate(p -> p instanceof SyncRequestedEvent r && r.overdueScheduleId() == null
                               && r.overdueAt().equals(fixture.currentTime().plus(Duration.ofMinutes(10)))))))
               .expectNoScheduledDeadlines();
    }

    @Test
    void addStoresDurationsInCanonicalForm() {
        fixture.givenNoPriorActivity()
               .when(add("90m", "1m30s", 5))
               .expectEventsMatching(addedAndSyncRequested(
                       new RepositoryAddedEvent(ID, "default", "nginx-latest", "Nginx 最新版本", "Nginx web 服务器",
                                                HARBOR, "library/nginx", "latest", "1h30m", "1m30s", 5)));
    }

    @Test
    void cannotAddNameThatIsTaken() {
        liveNames.put("default/nginx-latest", RepositoryId.of("other"));
        fixture.givenNoPriorActivity()
               .when(add(null, null, null))
               .expectException(RepositoryAlreadyExistsException.class)
               .expectNoEvents();
    }

    @Test
    void cannotAddWithInvalidFieldsAndEveryFieldIsNamed() {
        AddRepositoryCommand bad = new AddRepositoryCommand(ID, "Default", "", "x".repeat(129), "y".repeat(2049),
                                                            new RegistryRef("default", "Harbor_Prod"),
                                                            "Library/Nginx", "-latest", "30s", "25h", 11);
        fixture.givenNoPriorActivity()
               .when(bad)
               .expectNoEvents()
               .expectException(Matchers.predicate(e -> e instanceof ValidationException v
                       && v.violations().stream().map(Violation::field).toList().equals(List.of(
                       "namespace", "name", "displayName", "description", "registry.name",
                       "repository", "tag", "syncInterval", "syncTimeout", "retryCount"))));
    }

    @Test
    void cannotAddWithARegistrySourceThatDoesNotExist() {
        fixture.givenNoPriorActivity()
               .when(new AddRepositoryCommand(ID, "default", "nginx", null, null, new RegistryRef("default", "quay"),
                                              "library/nginx", "latest", null, null, null))
               .expectException(ValidationException.class)
               .expectExceptionMessage("registry.name: registry source default/quay does not exist; add it first"
                                               + " (addRegistry)")
               .expectNoEvents();
    }

    @Test
    void cannotAddWithoutRegistry() {
        fixture.givenNoPriorActivity()
               .when(new AddRepositoryCommand(ID, "default", "nginx", null, null, null, "library/nginx",
                                              "latest", null, null, null))
               .expectException(ValidationException.class)
               .expectExceptionMessage("registry: is required");
    }

    @Test
    void canEditMetadata() {
        fixture.given(added())
               .when(new EditRepositoryMetadataCommand(ID, "Nginx", "web server", 1L))
               .expectEvents(new RepositoryMetadataEditedEvent(ID, "default", "nginx-latest", "Nginx", "web server",
                                                               "Nginx 最新版本", "Nginx web 服务器"));
    }

    @Test
    void editKeepsFieldsLeftNullAndClearsEmptyOnes() {
        fixture.given(added())
               .when(new EditRepositoryMetadataCommand(ID, null, "", null))
               .expectEvents(new RepositoryMetadataEditedEvent(ID, "default", "nginx-latest", "Nginx 最新版本", null,
                                                               "Nginx 最新版本", "Nginx web 服务器"));
    }

    @Test
    void editWithoutChangeEmitsNothing() {
        fixture.given(added())
               .when(new EditRepositoryMetadataCommand(ID, "Nginx 最新版本", null, 1L))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void cannotEditStaleVersion() {
        fixture.given(added(), new RepositoryMetadataEditedEvent(ID, "default", "nginx-latest", "a", "b",
                                                                 "Nginx 最新版本", "Nginx web 服务器"))
               .when(new EditRepositoryMetadataCommand(ID, "c", null, 1L))
               .expectException(StaleVersionException.class)
               .expectExceptionMessage("repository default/nginx-latest is at version 2, not the expected version 1;"
                                               + " reload it and apply the change again")
               .expectNoEvents();
    }

    @Test
    void cannotEditDisplayNameTooLong() {
        fixture.given(added())
               .when(new EditRepositoryMetadataCommand(ID, "名".repeat(129), null, null))
               .expectException(ValidationException.class)
               .expectNoEvents();
    }

    @Test
    void acceptsChineseDisplayNameUpToTheLimitInCharacters() {
        fixture.given(added())
               .when(new EditRepositoryMetadataCommand(ID, "名".repeat(128), "描".repeat(2048), null))
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void canDelete() {
        fixture.given(added())
               .when(new DeleteRepositoryCommand(ID))
               .expectEvents(new RepositoryDeletedEvent(ID, "default", "nginx-latest"));
    }

    @Test
    void cannotDeleteTwice() {
        fixture.given(added(), new RepositoryDeletedEvent(ID, "default", "nginx-latest"))
               .when(new DeleteRepositoryCommand(ID))
               .expectException(RepositoryNotFoundException.class)
               .expectNoEvents();
    }

    @Test
    void cannotEditDeleted() {
        fixture.given(added(), new RepositoryDeletedEvent(ID, "default", "nginx-latest"))
               .when(new EditRepositoryMetadataCommand(ID, "x", null, null))
               .expectException(RepositoryNotFoundException.class)
               .expectNoEvents();
    }

    private static final String RUN = "run-1";

    private static SyncRequestedEvent requested() {
        return new SyncRequestedEvent(ID, RUN, SyncTrigger.CREATED, "system:catalogue",
                                      new SyncTarget("default", "nginx-latest", HARBOR, "library/nginx", "latest", "10m",
                                                     3, null, true),
                                      java.time.Instant.now().plusSeconds(600), "overdue-1");
    }

    @Test
    void aRunTakenOverBeforeItStartedStarts() {
        fixture.given(added(), requested())
               .when(new ResumeSyncCommand(ID, RUN))
               .expectSuccessfulHandlerExecution()
               .expectEvents(new SyncStartedEvent(ID, RUN, "default", "nginx-latest"));
    }

    @Test
    void aRunTakenOverAfterItStartedGoesOnWithoutStartingAgain() {
        fixture.given(added(), requested(), new SyncStartedEvent(ID, RUN, "default", "nginx-latest"))
               .when(new ResumeSyncCommand(ID, RUN))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void aStartedRunCannotStartTwice() {
        fixture.given(added(), requested(), new SyncStartedEvent(ID, RUN, "default", "nginx-latest"))
               .when(new StartSyncCommand(ID, RUN))
               .expectException(SyncRunClosedException.class)
               .expectNoEvents();
    }

    @Test
    void aClosedRunCannotBeTakenOver() {
        fixture.given(added(), requested(), new SyncStartedEvent(ID, RUN, "default", "nginx-latest"),
                      new SyncFailedEvent(ID, RUN, "default", "nginx-latest", new SyncError("TIMEOUT", "late", null), 0,
                                          null, null))
               .when(new ResumeSyncCommand(ID, RUN))
               .expectException(SyncRunClosedException.class)
               .expectNoEvents();
    }
}
