package io.theriseunion.imagegateway.projections.layer;

import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.RepositoryAddedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryDeletedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryId;
import io.theriseunion.imagegateway.domain.api.SyncSucceededEvent;
import io.theriseunion.imagegateway.domain.api.SyncedLayer;
import io.theriseunion.imagegateway.domain.api.SyncedManifest;
import io.theriseunion.imagegateway.domain.api.SyncedPlatform;
import io.theriseunion.imagegateway.projections.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The layers read model and its queries on the real schema (H2, migrated by Flyway). */
class RepositoryLayersProjectionTests {

    private static final SyncedLayer BASE_1 = layer("b1", 1000);
    private static final SyncedLayer BASE_2 = layer("b2", 200);
    private static final SyncedLayer APP_A = layer("a", 30);
    private static final SyncedLayer APP_B = layer("b", 40);
    private static final SyncedLayer OTHER = layer("o", 5000);

    private JdbcTemplate jdbc;
    private RepositoryLayersProjection projection;
    private RepositoryLayerQueries queries;

    @BeforeEach
    void migrate() {
        jdbc = TestDatabase.migrated();
        projection = new RepositoryLayersProjection(jdbc);
        queries = new RepositoryLayerQueries(jdbc);
    }

    private static SyncedLayer layer(String name, long size) {
        return new SyncedLayer("sha256:" + name, size, "application/vnd.oci.image.layer.v1.tar+gzip");
    }

    private static SyncedManifest image(String digest, long configSize, SyncedLayer... layers) {
        long size = configSize + List.of(layers).stream().mapToLong(SyncedLayer::size).sum();
        return new SyncedManifest(digest, "application/vnd.oci.image.manifest.v1+json", "amd64", "linux", null, size,
                                  null, List.of(layers), List.of());
    }

    private void add(String id, String namespace, String name) {
        projection.on(new RepositoryAddedEvent(RepositoryId.of(id), namespace, name, null, null,
                                               new RegistryRef(namespace, "hub"), "library/" + name, "latest",
                                               "1h", "10m", 3), 0);
    }

    private void synced(String id, long sequence, SyncedManifest manifest) {
        projection.on(new SyncSucceededEvent(RepositoryId.of(id), "run-" + sequence, "ns", id,
                                             manifest == null ? "sha256:same" : manifest.digest(), manifest != null,
                                             manifest, null, null, null, 1, 1, null, null), sequence);
    }

    @Test
    void repositoriesSharingLayersAreListedLargestSharedSizeFirst() {
        add("base", "ns", "base");
        add("app", "ns", "app");
        add("small", "ns", "small");
        add("other", "ns", "other");
        synced("base", 3, image("sha256:i0", 10, BASE_1, BASE_2));
        synced("app", 3, image("sha256:i1", 10, BASE_1, BASE_2, APP_A));
        synced("small", 3, image("sha256:i2", 10, BASE_2, APP_B));
        synced("other", 3, image("sha256:i3", 10, OTHER));

        assertThat(queries.listSharingWith("app", null, 20))
                .containsExactly(new SharingRepository("base", 2, 1200), new SharingRepository("small", 1, 200));
        assertThat(queries.countSharingWith("app", null)).isEqualTo(2);
        assertThat(queries.listSharingWith("app", null, 1)).hasSize(1);
        assertThat(queries.listSharingWith("other", null, 20)).isEmpty();
        assertThat(queries.listLayers("app", null))
                .containsExactly(new StoredLayer("sha256:b1", 1000, true), new StoredLayer("sha256:b2", 200, true),
                                 new StoredLayer("sha256:a", 30, false));
    }

    @Test
    void onlyRepositoriesInVisibleNamespacesCount() {
        add("app", "ns", "app");
        add("hidden", "secret", "hidden");
        synced("app", 3, image("sha256:i1", 10, BASE_1, APP_A));
        synced("hidden", 3, image("sha256:i2", 10, BASE_1));

        assertThat(queries.listSharingWith("app", Set.of("ns"), 20)).isEmpty();
        assertThat(queries.countSharingWith("app", Set.of("ns"))).isZero();
        assertThat(queries.listLayers("app", Set.of("ns"))).noneMatch(StoredLayer::shared);
        assertThat(queries.listSharingWith("app", Set.of("ns", "secret"), 20))
                .containsExactly(new SharingRepository("hidden", 1, 1000));
        assertThat(queries.listSharingWith("app", Set.of(), 20)).isEmpty();
    }

    @Test
    void aNewDigestReplacesTheLayersAndAnUnchangedOneOrARedeliveryChangesNothing() {
        add("a", "ns", "a");
        add("b", "ns", "b");
        synced("a", 3, image("sha256:i1", 10, BASE_1, APP_A));
        synced("b", 3, image("sha256:i2", 10, BASE_1));
        assertThat(queries.countSharingWith("a", null)).isEqualTo(1);

        synced("a", 6, image("sha256:i3", 10, OTHER));
        synced("a", 9, null);
        synced("a", 3, image("sha256:i1", 10, BASE_1, APP_A));
        assertThat(queries.countSharingWith("a", null)).isZero();
        assertThat(queries.listLayers("a", null)).extracting(StoredLayer::digest).containsExactly("sha256:o");
    }

    @Test
    void aDeletedRepositoryLeavesNothingAndALateSuccessDoesNotBringItBack() {
        add("a", "ns", "a");
        add("b", "ns", "b");
        synced("a", 3, image("sha256:i1", 10, BASE_1));
        synced("b", 3, image("sha256:i2", 10, BASE_1));
        projection.on(new RepositoryDeletedEvent(RepositoryId.of("b"), "ns", "b"));
        synced("b", 6, image("sha256:i3", 10, BASE_1));

        assertThat(queries.countSharingWith("a", null)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from repository_layer where repository_id = 'b'",
                                       Integer.class)).isZero();
        assertThat(queries.storageByNamespace(List.of("ns"))).containsEntry("ns", new NamespaceStorage(1010, 1010));
    }

    @Test
    void aMultiArchitectureImageHasTheLayersOfAllItsPlatformsOnce() {
        add("multi", "ns", "multi");
        SyncedPlatform amd64 = new SyncedPlatform("linux", "amd64", null, "sha256:p1", 1210, List.of(BASE_1, BASE_2));
        SyncedPlatform arm64 = new SyncedPlatform("linux", "arm64", "v8", "sha256:p2", 1040, List.of(BASE_1, APP_A));
        synced("multi", 3, new SyncedManifest("sha256:idx", "application/vnd.oci.image.index.v1+json", "amd64", "linux",
                                              null, 1210, null, amd64.layers(), List.of(amd64, arm64)));

        assertThat(queries.listLayers("multi", null)).extracting(StoredLayer::digest)
                                                     .containsExactly("sha256:b1", "sha256:b2", "sha256:a");
        // both platforms count (1210 + 1040); b1, shared by the two, once; the two configs (10 each) per platform
        assertThat(queries.storageByNamespace(List.of("ns")))
                .containsEntry("ns", new NamespaceStorage(2250, 1000 + 200 + 30 + 20));
    }

    @Test
    void storageCountsEachDistinctLayerOfANamespaceOnceAndEachImageInTheTotal() {
        add("base", "ns", "base");
        add("app", "ns", "app");
        add("elsewhere", "other", "elsewhere");
        add("never-synced", "empty", "never-synced");
        synced("base", 3, image("sha256:i0", 10, BASE_1, BASE_2));
        synced("app", 3, image("sha256:i1", 20, BASE_1, BASE_2, APP_A));
        synced("elsewhere", 3, image("sha256:i2", 10, BASE_1));

        Map<String, NamespaceStorage> storage = queries.storageByNamespace(List.of("ns", "other", "empty", "none"));
        assertThat(storage).containsEntry("ns", new NamespaceStorage(1210 + 1250, 1200 + 30 + 10 + 20))
                           .containsEntry("other", new NamespaceStorage(1010, 1010))
                           .containsEntry("empty", new NamespaceStorage(0, 0))
                           .doesNotContainKey("none");
    }

    @Test
    void baseLayersAreTheLeadingSharedRunOfEachStack() {
        SyncedManifest app = image("sha256:i1", 10, BASE_1, BASE_2, APP_A, APP_B);
        assertThat(RepositoryLayerQueries.baseLayers(app, Set.of("sha256:b1", "sha256:b2", "sha256:b")))
                .containsExactly(BASE_1, BASE_2);
        assertThat(RepositoryLayerQueries.baseLayers(app, Set.of("sha256:b2"))).isEmpty();
        assertThat(RepositoryLayerQueries.baseLayers(null, Set.of("sha256:b1"))).isEmpty();

        SyncedPlatform amd64 = new SyncedPlatform("linux", "amd64", null, "sha256:p1", 0, List.of(BASE_1, APP_A));
        SyncedPlatform arm64 = new SyncedPlatform("linux", "arm64", "v8", "sha256:p2", 0, List.of(BASE_2, BASE_1, APP_B));
        SyncedManifest index = new SyncedManifest("sha256:idx", "application/vnd.oci.image.index.v1+json", "amd64",
                                                  "linux", null, 0, null, amd64.layers(), List.of(amd64, arm64));
        assertThat(RepositoryLayerQueries.baseLayers(index, Set.of("sha256:b1", "sha256:b2")))
                .containsExactly(BASE_1, BASE_2);
    }

    @Test
    void aResetEmptiesTheTables() {
        add("a", "ns", "a");
        synced("a", 3, image("sha256:i1", 10, BASE_1));
        projection.reset();
        assertThat(queries.storageByNamespace(List.of("ns"))).isEmpty();
        assertThat(queries.listLayers("a", null)).isEmpty();
    }
}
