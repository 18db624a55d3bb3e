package io.theriseunion.imagegateway.projections;

import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.RepositoryAddedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryId;
import io.theriseunion.imagegateway.domain.api.RepositoryMetadataEditedEvent;
import io.theriseunion.imagegateway.domain.api.RepositorySyncPolicyEditedEvent;
import io.theriseunion.imagegateway.domain.api.SyncError;
import io.theriseunion.imagegateway.domain.api.SyncFailedEvent;
import io.theriseunion.imagegateway.domain.api.SyncRequestedEvent;
import io.theriseunion.imagegateway.domain.api.SyncStartedEvent;
import io.theriseunion.imagegateway.domain.api.SyncSucceededEvent;
import io.theriseunion.imagegateway.domain.api.SyncTarget;
import io.theriseunion.imagegateway.domain.api.SyncTrigger;
import io.theriseunion.imagegateway.domain.api.SyncedLayer;
import io.theriseunion.imagegateway.domain.api.SyncedManifest;
import io.theriseunion.imagegateway.domain.api.SyncedPlatform;
import io.theriseunion.imagegateway.domain.repository.RepositoryAppearance;
import io.theriseunion.imagegateway.projections.repository.RepositoryCatalogueProjection;
import io.theriseunion.imagegateway.projections.repository.RepositoryCatalogueQueries;
import io.theriseunion.imagegateway.projections.repository.RepositoryView;
import io.theriseunion.imagegateway.projections.sync.SyncHistoryProjection;
import io.theriseunion.imagegateway.projections.sync.SyncHistoryQueries;
import io.theriseunion.imagegateway.projections.sync.SyncRunView;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One event stream replayed through the folds ({@link RepositoryAppearance#after}, {@link SyncRunView#after}) and
 * through the SQL projections on the real schema: after every event, the repository and its runs read back from
 * the tables are field by field what the folds say; and the same stream delivered a second time changes nothing.
 */
class FoldsAndProjectionsAgreeTests {

    private static final RepositoryId ID = RepositoryId.of("5f0c7a1e-0000-4000-8000-0000000000f0");
    private static final RegistryRef HARBOR = new RegistryRef("default", "harbor-prod");
    private static final Instant T0 = Instant.parse("2024-01-08T08:00:00Z");
    private static final SyncTarget TARGET = new SyncTarget("default", "nginx", HARBOR, "library/nginx", "latest",
                                                            "10m", 3, null, true);
    private static final SyncedManifest MANIFEST = new SyncedManifest(
            "sha256:a", "application/vnd.oci.image.index.v1+json", "amd64", "linux", null, 300,
            Instant.parse("2024-01-01T00:00:00Z"),
            List.of(new SyncedLayer("sha256:l1", 100, "application/vnd.oci.image.layer.v1.tar+gzip"),
                    new SyncedLayer("sha256:l2", 200, "application/vnd.oci.image.layer.v1.tar+gzip")),
            List.of(new SyncedPlatform("linux", "arm64", "v8", "sha256:p1", 280,
                                       List.of(new SyncedLayer("sha256:l3", 280, null)))));

    private AnnotationEventHandlerAdapter catalogue;
    private AnnotationEventHandlerAdapter history;
    private RepositoryCatalogueQueries repositories;
    private SyncHistoryQueries runs;

    @BeforeEach
    void migrate() {
        JdbcTemplate jdbc = TestDatabase.migrated();
        ReadModelProgress progress = new ReadModelProgress(jdbc);
        catalogue = new AnnotationEventHandlerAdapter(new RepositoryCatalogueProjection(jdbc, progress));
        history = new AnnotationEventHandlerAdapter(new SyncHistoryProjection(jdbc, progress));
        repositories = new RepositoryCatalogueQueries(jdbc);
        runs = new SyncHistoryQueries(jdbc);
    }

    /**
     * add, edit, a created run that finds a manifest and tags, a failed run, a policy edit that plans the next sync
     * again, an edit, a policy edit while a run is open (plans nothing), a run that finds nothing new
     */
    private static List<DomainEventMessage<?>> stream() {
        List<Object> payloads = List.of(
                new RepositoryAddedEvent(ID, "default", "nginx", "Nginx", null, HARBOR, "library/nginx", "latest",
                                         "1h", "10m", 3),
                new RepositoryMetadataEditedEvent(ID, "default", "nginx", "Nginx", "web server", "Nginx", null),
                new SyncRequestedEvent(ID, "run-1", SyncTrigger.CREATED, "system:catalogue", TARGET,
                                       T0.plusSeconds(602), "overdue-1"),
                new SyncStartedEvent(ID, "run-1", "default", "nginx"),
                new SyncSucceededEvent(ID, "run-1", "default", "nginx", "sha256:a", true, MANIFEST,
                                       List.of("sha256:l1", "sha256:l2"), List.of(), List.of("1.25", "latest"), 2, 5,
                                       T0.plusSeconds(3604), "next-1"),
                new SyncRequestedEvent(ID, "run-2", SyncTrigger.MANUAL, "alice", TARGET, T0.plusSeconds(605),
                                       "overdue-2"),
                new SyncStartedEvent(ID, "run-2", "default", "nginx"),
                new SyncFailedEvent(ID, "run-2", "default", "nginx",
                                    new SyncError("UNAUTHORIZED", "the registry refused the credentials", 401), 4,
                                    T0.plusSeconds(3607), "next-2"),
                new RepositorySyncPolicyEditedEvent(ID, "default", "nginx", "2h", "10m", 5, "1h", "10m", 3,
                                                    T0.plusSeconds(7207), "next-2b"),
                new RepositoryMetadataEditedEvent(ID, "default", "nginx", "Nginx (prod)", "web server", "Nginx",
                                                  "web server"),
                new SyncRequestedEvent(ID, "run-3", SyncTrigger.SCHEDULED, "system:scheduler", TARGET,
                                       T0.plusSeconds(609), "overdue-3"),
                new RepositorySyncPolicyEditedEvent(ID, "default", "nginx", "30m", "1m", 5, "2h", "10m", 5, null,
                                                    null),
                new SyncStartedEvent(ID, "run-3", "default", "nginx"),
                new SyncSucceededEvent(ID, "run-3", "default", "nginx", "sha256:a", false, null, List.of(), List.of(),
                                       null, 1, 1, T0.plusSeconds(3611), "next-3"));
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            events.add(new GenericDomainEventMessage<>("ImageRepository", ID.value(), i, payloads.get(i), Map.of(),
                                                       UUID.randomUUID().toString(), T0.plusSeconds(i)));
        }
        return events;
    }

    @Test
    void theProjectionsWriteWhatTheFoldsSayAfterEveryEvent() throws Exception {
        RepositoryAppearance appearance = null;
        SyncRunView run = null;
        Map<String, SyncRunView> folded = new LinkedHashMap<>();
        for (DomainEventMessage<?> event : stream()) {
            deliver(event);
            appearance = RepositoryAppearance.after(appearance, event.getPayload(), event.getTimestamp());
            run = SyncRunView.after(run, event.getPayload(), event.getTimestamp());
            if (run != null) {
                folded.put(run.id(), run);
            }

            assertThat(shown()).as("after %s", event.getPayloadType().getSimpleName())
                               .usingRecursiveComparison().isEqualTo(RepositoryView.of(appearance));
            for (SyncRunView expected : folded.values()) {
                assertThat(runs.find(expected.id())).as("run %s", expected.id())
                                                                          .get().usingRecursiveComparison()
                                                                          .isEqualTo(expected);
            }
        }
        // the manifest of run-1 outlives run-3, which found the same digest and sent none
        assertThat(Json.read(shown().manifestJson(), SyncedManifest.class)).isEqualTo(MANIFEST);
        assertThat(runs.list(ID.value(), 10, null, null).items())
                .extracting(SyncRunView::id).containsExactly("run-3", "run-2", "run-1");
    }

    @Test
    void aStreamDeliveredTwiceChangesNothing() throws Exception {
        List<DomainEventMessage<?>> stream = stream();
        for (DomainEventMessage<?> event : stream) {
            deliver(event);
        }
        RepositoryView once = shown();
        List<SyncRunView> runsOnce = runs.list(ID.value(), 10, null, null).items();

        for (DomainEventMessage<?> event : stream) {
            deliver(event);
        }

        assertThat(shown()).usingRecursiveComparison().isEqualTo(once);
        assertThat(runs.list(ID.value(), 10, null, null).items())
                .usingRecursiveFieldByFieldElementComparator().isEqualTo(runsOnce);
    }

    private void deliver(DomainEventMessage<?> event) throws Exception {
        catalogue.handle(event);
        history.handle(event);
    }

    private RepositoryView shown() {
        return repositories.find("default", "nginx").orElseThrow();
    }
}
