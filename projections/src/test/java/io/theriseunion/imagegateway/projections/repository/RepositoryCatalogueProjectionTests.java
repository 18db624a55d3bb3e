package io.theriseunion.imagegateway.projections.repository;

import io.theriseunion.imagegateway.projections.TestDatabase;
import io.theriseunion.imagegateway.projections.NameCursor;
import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.RepositoryAddedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryDeletedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryId;
import io.theriseunion.imagegateway.domain.api.RepositoryMetadataEditedEvent;
import io.theriseunion.imagegateway.domain.api.SyncError;
import io.theriseunion.imagegateway.domain.api.SyncFailedEvent;
import io.theriseunion.imagegateway.domain.api.SyncStartedEvent;
import io.theriseunion.imagegateway.domain.api.SyncStatus;
import io.theriseunion.imagegateway.domain.api.SyncSucceededEvent;
import io.theriseunion.imagegateway.domain.api.SyncedLayer;
import io.theriseunion.imagegateway.domain.api.SyncedManifest;
import io.theriseunion.imagegateway.projections.Json;
import io.theriseunion.imagegateway.projections.ReadModelProgress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalogue projection and its queries on the real schema (H2, migrated by Flyway). */
class RepositoryCatalogueProjectionTests {

    private static final Instant T0 = Instant.parse("2024-01-08T08:00:00Z");

    private JdbcTemplate jdbc;
    private RepositoryCatalogueProjection projection;
    private RepositoryCatalogueQueries queries;
    private ReadModelProgress progress;

    @BeforeEach
    void migrate() {
        jdbc = TestDatabase.migrated();
        progress = new ReadModelProgress(jdbc);
        projection = new RepositoryCatalogueProjection(jdbc, progress);
        queries = new RepositoryCatalogueQueries(jdbc);
    }

    private static RepositoryAddedEvent added(String id, String namespace, String name, String displayName) {
        return new RepositoryAddedEvent(RepositoryId.of(id), namespace, name, displayName, null,
                                        new RegistryRef(namespace, "harbor-prod"), "library/" + name, "latest",
                                        "1h", "10m", 3);
    }

    private Optional<RepositoryView> find(String namespace, String name) {
        return queries.find(namespace, name);
    }

    @Test
    void addedRepositoryIsPendingAtVersionOne() {
        projection.on(added("id-1", "default", "nginx", "Nginx"), 0, T0);
        RepositoryView view = find("default", "nginx").orElseThrow();
        assertThat(view.syncStatus()).isEqualTo(SyncStatus.PENDING);
        assertThat(view.version()).isEqualTo(1);
        assertThat(view.createdAt()).isEqualTo(T0);
        assertThat(view.registry()).isEqualTo(new RegistryRef("default", "harbor-prod"));
    }

    @Test
    void redeliveredEventsChangeNothing() {
        RepositoryId id = RepositoryId.of("id-1");
        projection.on(added("id-1", "default", "nginx", "Nginx"), 0, T0);
        projection.on(new RepositoryMetadataEditedEvent(id, "default", "nginx", "New", "d", "Nginx", null), 1,
                      T0.plusSeconds(5));
        // the requests (sequences 2 and 5) are the sync history's: the catalogue row does not change with them
        projection.on(new SyncStartedEvent(id, "run-1", "default", "nginx"), 3);
        projection.on(succeeded(id, "run-1", manifest("sha256:a"), List.of("latest")), 4, T0.plusSeconds(7));
        projection.on(new SyncStartedEvent(id, "run-2", "default", "nginx"), 6);
        projection.on(new SyncFailedEvent(id, "run-2", "default", "nginx", new SyncError("NETWORK", "refused", null),
                                          2, T0.plusSeconds(3600), "next-2"), 7, T0.plusSeconds(9));
        RepositoryView once = find("default", "nginx").orElseThrow();

        // each again, with other contents and times than the first delivery: none may show
        projection.on(added("id-1", "default", "nginx", "Nginx"), 0, T0);
        projection.on(new RepositoryMetadataEditedEvent(id, "default", "nginx", "Old", null, "Nginx", null), 1,
                      T0.plusSeconds(1));
        projection.on(new SyncStartedEvent(id, "run-1", "default", "nginx"), 3);
        projection.on(succeeded(id, "run-1", manifest("sha256:b"), List.of("1.25", "latest")), 4, T0.plusSeconds(30));
        projection.on(new SyncStartedEvent(id, "run-2", "default", "nginx"), 6);
        projection.on(new SyncFailedEvent(id, "run-2", "default", "nginx", new SyncError("TIMEOUT", "late", null),
                                          0, T0.plusSeconds(7200), "next-x"), 7, T0.plusSeconds(40));

        RepositoryView view = find("default", "nginx").orElseThrow();
        assertThat(view).usingRecursiveComparison().isEqualTo(once);
        assertThat(view.displayName()).isEqualTo("New");
        assertThat(view.version()).isEqualTo(2);
        assertThat(view.updatedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(view.syncStatus()).isEqualTo(SyncStatus.FAILED);
        assertThat(view.lastSynced()).isEqualTo(T0.plusSeconds(7));
        assertThat(view.lastError().code()).isEqualTo("NETWORK");
        assertThat(Json.read(view.manifestJson(), SyncedManifest.class)).isEqualTo(manifest("sha256:a"));
        assertThat(view.remoteTagsJson()).isEqualTo(Json.write(List.of("latest")));
        assertThat(jdbc.queryForObject("select count(*) from repository_view", Integer.class)).isEqualTo(1);
    }

    @Test
    void aSyncThatFindsNothingNewKeepsTheLastManifestAndTags() {
        RepositoryId id = RepositoryId.of("id-1");
        projection.on(added("id-1", "default", "nginx", null), 0, T0);
        projection.on(succeeded(id, "run-1", manifest("sha256:a"), List.of("latest")), 1, T0.plusSeconds(1));
        projection.on(succeeded(id, "run-2", null, null), 2, T0.plusSeconds(2));

        RepositoryView view = find("default", "nginx").orElseThrow();
        assertThat(view.lastSynced()).isEqualTo(T0.plusSeconds(2));
        assertThat(Json.read(view.manifestJson(), SyncedManifest.class)).isEqualTo(manifest("sha256:a"));
        assertThat(view.remoteTagsJson()).isEqualTo(Json.write(List.of("latest")));
    }

    private static SyncSucceededEvent succeeded(RepositoryId id, String runId, SyncedManifest manifest,
                                                List<String> tags) {
        return new SyncSucceededEvent(id, runId, "default", "nginx", manifest == null ? "sha256:a" : manifest.digest(),
                                      manifest != null, manifest, List.of(), List.of(), tags, 1, 2,
                                      T0.plusSeconds(3600), "next-" + runId);
    }

    private static SyncedManifest manifest(String digest) {
        return new SyncedManifest(digest, "application/vnd.oci.image.manifest.v1+json", "amd64", "linux", null, 10,
                                  T0, List.of(new SyncedLayer("sha256:l-" + digest, 10, null)), List.of());
    }

    @Test
    void deleteRemovesAndResetEmpties() {
        projection.on(added("id-1", "default", "nginx", null), 0, T0);
        projection.on(added("id-2", "default", "redis", null), 0, T0);
        projection.on(new RepositoryDeletedEvent(RepositoryId.of("id-1"), "default", "nginx"), 1);
        assertThat(find("default", "nginx")).isEmpty();
        projection.reset();
        assertThat(find("default", "redis")).isEmpty();
    }

    @Test
    void searchMatchesLiterallyAndIgnoresCase() {
        projection.on(added("id-1", "default", "a", "100% Edge_Proxy"), 0, T0);
        projection.on(added("id-2", "default", "b", "1000 edges"), 0, T0);
        assertThat(count(new RepositoryFilter(null, "0%", Set.of()))).isEqualTo(1);
        assertThat(count(new RepositoryFilter(null, "E_P", Set.of()))).isEqualTo(1);
        assertThat(count(new RepositoryFilter(null, "EDGE", Set.of()))).isEqualTo(2);
        assertThat(count(new RepositoryFilter(null, "library/b:latest", Set.of()))).isEqualTo(1);
        assertThat(count(new RepositoryFilter(null, "\\", Set.of()))).isEqualTo(0);
    }

    @Test
    void pagesFollowEachOtherInNamespaceThenNameOrder() {
        for (int i = 0; i < 7; i++) {
            projection.on(added("id-" + i, "ns" + (i % 2), "img-" + i, null), 0, T0);
        }
        List<String> seen = new ArrayList<>();
        NameCursor after = null;
        RepositoryPage page;
        do {
            page = queries.list(new RepositoryFilter(null, null, Set.of()), 3, after);
            page.items().forEach(r -> seen.add(r.namespace() + "/" + r.name()));
            RepositoryView last = page.items().get(page.items().size() - 1);
            after = new NameCursor(last.namespace(), last.name());
        } while (page.hasNextPage());
        assertThat(seen).containsExactly("ns0/img-0", "ns0/img-2", "ns0/img-4", "ns0/img-6",
                                         "ns1/img-1", "ns1/img-3", "ns1/img-5");
    }

    @Test
    void progressSeesVersionsAndDeletions() {
        projection.on(added("id-1", "default", "nginx", null), 0, T0);
        assertThat(progress.awaitVersions(ReadModelProgress.ReadModel.REPOSITORIES, Map.of("id-1", 1L), Duration.ofMillis(10))).isTrue();
        assertThat(progress.awaitVersions(ReadModelProgress.ReadModel.REPOSITORIES, Map.of("id-1", 2L), Duration.ofMillis(50))).isFalse();
        assertThat(progress.awaitGone(ReadModelProgress.ReadModel.REPOSITORIES, List.of("id-1"), Duration.ofMillis(10))).isFalse();
        projection.on(new RepositoryDeletedEvent(RepositoryId.of("id-1"), "default", "nginx"), 1);
        assertThat(progress.awaitGone(ReadModelProgress.ReadModel.REPOSITORIES, List.of("id-1"), Duration.ofMillis(10))).isTrue();
    }

    @Test
    void cursorsRoundTripAndForeignTextIsRefused() {
        NameCursor cursor = new NameCursor("default", "nginx-latest");
        assertThat(NameCursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(NameCursor.decode("bm9wZQ")).isNull();
        assertThat(NameCursor.decode("%%%")).isNull();
    }

    private long count(RepositoryFilter filter) {
        return queries.count(filter);
    }
}
