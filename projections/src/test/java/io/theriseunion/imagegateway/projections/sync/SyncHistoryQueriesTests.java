package io.theriseunion.imagegateway.projections.sync;

import io.theriseunion.imagegateway.projections.TestDatabase;
import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.RepositoryId;
import io.theriseunion.imagegateway.domain.api.SyncRequestedEvent;
import io.theriseunion.imagegateway.domain.api.SyncTarget;
import io.theriseunion.imagegateway.domain.api.SyncTrigger;
import io.theriseunion.imagegateway.projections.ReadModelProgress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The sync history's reads on the real schema (H2, migrated by Flyway). */
class SyncHistoryQueriesTests {

    private static final Instant T0 = Instant.parse("2024-01-08T08:00:00Z");

    private SyncHistoryProjection projection;
    private SyncHistoryQueries queries;

    @BeforeEach
    void migrate() {
        JdbcTemplate jdbc = TestDatabase.migrated();
        projection = new SyncHistoryProjection(jdbc, new ReadModelProgress(jdbc));
        queries = new SyncHistoryQueries(jdbc);
    }

    private void requested(String repositoryId, String runId, int second) {
        SyncTarget target = new SyncTarget("team", repositoryId, new RegistryRef("team", "harbor"), "library/nginx",
                                           "latest", "10m", 3, null, false);
        projection.on(new SyncRequestedEvent(RepositoryId.of(repositoryId), runId, SyncTrigger.MANUAL, "alice",
                                             target, T0.plusSeconds(600), null), T0.plusSeconds(second));
    }

    @Test
    void theRunsOfSeveralRepositoriesAreCountedInOneAnswer() {
        requested("r1", "run-1", 1);
        requested("r1", "run-2", 2);
        requested("r2", "run-3", 3);
        requested("elsewhere", "run-4", 4);

        assertThat(queries.countByRepository(List.of("r1", "r2", "r3", "r1")))
                .isEqualTo(Map.of("r1", 2L, "r2", 1L));
        assertThat(queries.countByRepository(List.of())).isEmpty();
    }

    @Test
    void aPageOfRunsIsNewestFirstAndTheNextStartsAfterItsCursor() {
        requested("r1", "run-1", 1);
        requested("r1", "run-2", 2);
        requested("r1", "run-3", 3);

        SyncRunPage first = queries.list("r1", 2, null, null);
        assertThat(first.items()).extracting(SyncRunView::id).containsExactly("run-3", "run-2");
        assertThat(first.hasNextPage()).isTrue();
        SyncRunView last = first.items().get(1);
        SyncRunPage second = queries.list("r1", 2, last.requestedAt(), last.id());
        assertThat(second.items()).extracting(SyncRunView::id).containsExactly("run-1");
        assertThat(second.hasNextPage()).isFalse();
        assertThat(queries.find("run-2")).map(SyncRunView::requestedBy).contains("alice");
    }
}
