package io.theriseunion.imagegateway.projections.repository;

import io.theriseunion.imagegateway.projections.TestDatabase;
import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.RepositoryAddedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryId;
import io.theriseunion.imagegateway.domain.api.SyncError;
import io.theriseunion.imagegateway.domain.api.SyncFailedEvent;
import io.theriseunion.imagegateway.projections.ReadModelProgress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalogue's lookups for the gateway's own work: by source, by image, by last error (H2, migrated by Flyway). */
class RepositoryCatalogueQueriesTests {

    private static final Instant T0 = Instant.parse("2024-01-08T08:00:00Z");
    private static final RegistryRef HARBOR = new RegistryRef("team", "harbor");
    private static final RegistryRef QUAY = new RegistryRef("team", "quay");

    private RepositoryCatalogueProjection projection;
    private RepositoryCatalogueQueries queries;

    @BeforeEach
    void migrate() {
        JdbcTemplate jdbc = TestDatabase.migrated();
        projection = new RepositoryCatalogueProjection(jdbc, new ReadModelProgress(jdbc));
        queries = new RepositoryCatalogueQueries(jdbc);
    }

    private void add(String id, String namespace, RegistryRef source, String path, String tag) {
        projection.on(new RepositoryAddedEvent(RepositoryId.of(id), namespace, id, null, null, source, path, tag,
                                               "1h", "10m", 3), 0, T0);
    }

    private void fail(String id, String code) {
        projection.on(new SyncFailedEvent(RepositoryId.of(id), "run-" + id, "team", id,
                                          new SyncError(code, "failed", null), 1, T0.plusSeconds(3600), null),
                      2, T0.plusSeconds(60));
    }

    @Test
    void eachSourceIsCountedInOneAnswerAndOnlyInTheVisibleNamespaces() {
        add("a", "team", HARBOR, "library/nginx", "latest");
        add("b", "team", HARBOR, "library/redis", "7");
        add("c", "other", HARBOR, "library/nginx", "latest");
        add("d", "team", QUAY, "app/app", "v1");
        List<RegistryRef> page = List.of(HARBOR, QUAY, new RegistryRef("team", "unused"));

        assertThat(queries.countBySource(page, null)).isEqualTo(Map.of(HARBOR, 3L, QUAY, 1L));
        assertThat(queries.countBySource(page, Set.of("team"))).isEqualTo(Map.of(HARBOR, 2L, QUAY, 1L));
        assertThat(queries.countBySource(page, Set.of())).isEmpty();
        assertThat(queries.countBySource(List.of(), null)).isEmpty();
    }

    @Test
    void theRepositoriesFollowingAnImageAreThoseOfItsSourcePathAndTag() {
        add("a", "team", HARBOR, "library/nginx", "latest");
        add("b", "other", HARBOR, "library/nginx", "latest");
        add("c", "team", HARBOR, "library/nginx", "1.27");
        add("d", "team", QUAY, "library/nginx", "latest");

        assertThat(queries.listOfImage(HARBOR, "library/nginx", "latest")).extracting(RepositoryView::id)
                                                                           .containsExactlyInAnyOrder("a", "b");
        assertThat(queries.listOfImage(QUAY, "library/nginx", "1.27")).isEmpty();
    }

    @Test
    void theRepositoriesWhoseLastSyncFailedWithACodeComeAPageAtATimeInIdOrder() {
        for (String id : List.of("r3", "r1", "r2", "r4")) {
            add(id, "team", HARBOR, "library/" + id, "latest");
        }
        add("q1", "team", QUAY, "library/q1", "latest");
        fail("r3", "SOURCE_UNAVAILABLE");
        fail("r1", "SOURCE_UNAVAILABLE");
        fail("r2", "SOURCE_UNAVAILABLE");
        fail("r4", "TIMEOUT");
        fail("q1", "SOURCE_UNAVAILABLE");

        assertThat(queries.listIdsFailedWith(HARBOR, "SOURCE_UNAVAILABLE", "", 2)).containsExactly("r1", "r2");
        assertThat(queries.listIdsFailedWith(HARBOR, "SOURCE_UNAVAILABLE", "r2", 2)).containsExactly("r3");
        assertThat(queries.listIdsFailedWith(HARBOR, "SOURCE_UNAVAILABLE", "r3", 2)).isEmpty();
    }
}
