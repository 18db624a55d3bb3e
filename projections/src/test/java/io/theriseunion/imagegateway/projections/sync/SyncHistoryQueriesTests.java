package io.theriseunion.imagegateway.projections.sync;

import io.theriseunion.imagegateway.projections.TestDatabase;
import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.RepositoryId;
import io.theriseunion.imagegateway.domain.api.RepositoryDeletedEvent;
import io.theriseunion.imagegateway.domain.api.SyncError;
import io.theriseunion.imagegateway.domain.api.SyncFailedEvent;
import io.theriseunion.imagegateway.domain.api.SyncRequestedEvent;
import io.theriseunion.imagegateway.domain.api.SyncSucceededEvent;
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
import static org.assertj.core.api.Assertions.tuple;

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

    private void requested(String repositoryId, String runId, Instant overdueAt) {
        SyncTarget target = new SyncTarget("team", repositoryId, new RegistryRef("team", "harbor"), "library/nginx",
                                           "latest", "10m", 3, null, false);
        projection.on(new SyncRequestedEvent(RepositoryId.of(repositoryId), runId, SyncTrigger.MANUAL, "alice",
                                             target, overdueAt, null), T0);
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

    @Test
    void theOverdueRunsAreTheOpenOnesPastTheirTimeOfRepositoriesStillThereMostOverdueFirst() {
        requested("r1", "run-late", T0.plusSeconds(60));
        requested("r2", "run-later", T0.plusSeconds(30));
        requested("r3", "run-in-time", T0.plusSeconds(600));
        requested("r3", "run-done", T0.plusSeconds(10));
        projection.on(new SyncFailedEvent(RepositoryId.of("r3"), "run-done", "team", "r3",
                                          new SyncError("NOT_FOUND", "no such tag", 404), 1, null, null),
                      T0.plusSeconds(5));
        requested("gone", "run-of-a-deleted-repository", T0.plusSeconds(1));
        projection.on(new RepositoryDeletedEvent(RepositoryId.of("gone"), "team", "gone"));
        requested("r1", "run-of-an-older-gateway", null);

        Instant now = T0.plusSeconds(300);
        assertThat(queries.listOverdue(now, null, 10)).extracting(OverdueSyncRun::runId)
                                                      .containsExactly("run-later", "run-late");
        List<OverdueSyncRun> first = queries.listOverdue(now, null, 1);
        assertThat(first).extracting(OverdueSyncRun::runId, OverdueSyncRun::repositoryId, OverdueSyncRun::overdueAt)
                         .containsExactly(tuple("run-later", "r2", T0.plusSeconds(30)));
        assertThat(queries.listOverdue(now, first.get(0), 1)).extracting(OverdueSyncRun::runId)
                                                              .containsExactly("run-late");
        // a run that ended is no longer indexed as overdue
        projection.on(new SyncSucceededEvent(RepositoryId.of("r2"), "run-later", "team", "r2", "sha256:a", false, null,
                                             List.of(), List.of(), null, 1, 1, null, null, null), T0.plusSeconds(40));
        assertThat(queries.listOverdue(now, null, 10)).extracting(OverdueSyncRun::runId).containsExactly("run-late");
    }
}
