package io.theriseunion.imagegateway.projections.sync;

import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.RepositoryId;
import io.theriseunion.imagegateway.domain.api.SyncError;
import io.theriseunion.imagegateway.domain.api.SyncFailedEvent;
import io.theriseunion.imagegateway.domain.api.SyncRequestedEvent;
import io.theriseunion.imagegateway.domain.api.SyncStartedEvent;
import io.theriseunion.imagegateway.domain.api.SyncSucceededEvent;
import io.theriseunion.imagegateway.domain.api.SyncTarget;
import io.theriseunion.imagegateway.domain.api.SyncTrigger;
import io.theriseunion.imagegateway.projections.ReadModelProgress;
import io.theriseunion.imagegateway.projections.TestDatabase;
import io.theriseunion.imagegateway.projections.repository.SyncErrorView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The sync-history projection and its queries on the real schema (H2, migrated by Flyway). */
class SyncHistoryProjectionTests {

    private static final RepositoryId ID = RepositoryId.of("5f0c7a1e-0000-4000-8000-0000000000a1");
    private static final Instant T0 = Instant.parse("2024-01-08T08:00:00Z");
    private static final SyncTarget TARGET = new SyncTarget("default", "nginx", new RegistryRef("default", "harbor"),
                                                            "library/nginx", "latest", "10m", 3, null, true);

    private JdbcTemplate jdbc;
    private ReadModelProgress progress;
    private SyncHistoryProjection projection;
    private SyncHistoryQueries queries;

    @BeforeEach
    void migrate() {
        jdbc = TestDatabase.migrated();
        progress = new ReadModelProgress(jdbc);
        projection = new SyncHistoryProjection(jdbc, progress);
        queries = new SyncHistoryQueries(jdbc);
    }

    private static SyncRequestedEvent requested(String runId, SyncTrigger trigger, String by) {
        return new SyncRequestedEvent(ID, runId, trigger, by, TARGET, T0.plusSeconds(600), "overdue-" + runId);
    }

    private static SyncSucceededEvent succeeded(String runId) {
        return new SyncSucceededEvent(ID, runId, "default", "nginx", "sha256:a", true, null, List.of("sha256:l1"),
                                      List.of("sha256:l0"), List.of("latest"), 2, 4, T0.plusSeconds(3600),
                                      "next-" + runId);
    }

    private static SyncFailedEvent failed(String runId) {
        return new SyncFailedEvent(ID, runId, "default", "nginx", new SyncError("NOT_FOUND", "no such tag", 404), 3,
                                   T0.plusSeconds(3600), "next-" + runId);
    }

    private SyncRunView run(String runId) {
        return queries.find(runId).orElseThrow();
    }

    @Test
    void aRequestedRunStartsAndSucceeds() {
        projection.on(requested("run-1", SyncTrigger.MANUAL, "alice"), T0);
        assertThat(run("run-1")).usingRecursiveComparison().isEqualTo(new SyncRunView(
                "run-1", ID.value(), SyncTrigger.MANUAL, SyncRunStatus.REQUESTED, "alice", T0, null, null, 0, null,
                null, null, null, null));
        assertThat(progress.awaitPresent(ReadModelProgress.ReadModel.SYNC_RUNS, List.of("run-1"), Duration.ZERO))
                .isTrue();

        projection.on(new SyncStartedEvent(ID, "run-1", "default", "nginx"), T0.plusSeconds(1));
        assertThat(run("run-1").status()).isEqualTo(SyncRunStatus.RUNNING);
        assertThat(run("run-1").startedAt()).isEqualTo(T0.plusSeconds(1));

        projection.on(succeeded("run-1"), T0.plusSeconds(2));
        assertThat(run("run-1")).usingRecursiveComparison().isEqualTo(new SyncRunView(
                "run-1", ID.value(), SyncTrigger.MANUAL, SyncRunStatus.SUCCESS, "alice", T0, T0.plusSeconds(1),
                T0.plusSeconds(2), 2, true, "sha256:a", List.of("sha256:l1"), List.of("sha256:l0"), null));
    }

    @Test
    void aFailedRunTellsWhyAndWhen() {
        projection.on(requested("run-1", SyncTrigger.SCHEDULED, "system:scheduler"), T0);
        projection.on(new SyncStartedEvent(ID, "run-1", "default", "nginx"), T0.plusSeconds(1));
        projection.on(failed("run-1"), T0.plusSeconds(2));

        SyncRunView run = run("run-1");
        assertThat(run.status()).isEqualTo(SyncRunStatus.FAILED);
        assertThat(run.finishedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(run.attempts()).isEqualTo(3);
        assertThat(run.changed()).isNull();
        assertThat(run.error()).isEqualTo(new SyncErrorView("NOT_FOUND", "no such tag", 404, T0.plusSeconds(2)));
    }

    @Test
    void redeliveredEventsChangeNothing() {
        projection.on(requested("run-1", SyncTrigger.MANUAL, "alice"), T0);
        projection.on(new SyncStartedEvent(ID, "run-1", "default", "nginx"), T0.plusSeconds(1));
        projection.on(succeeded("run-1"), T0.plusSeconds(2));
        projection.on(requested("run-2", SyncTrigger.SCHEDULED, "system:scheduler"), T0.plusSeconds(10));
        projection.on(new SyncStartedEvent(ID, "run-2", "default", "nginx"), T0.plusSeconds(11));
        projection.on(failed("run-2"), T0.plusSeconds(12));
        SyncRunView succeeded = run("run-1");
        SyncRunView failed = run("run-2");

        // each event again, as a processor that lost its token would deliver it (same timestamps)
        projection.on(requested("run-1", SyncTrigger.MANUAL, "alice"), T0);
        projection.on(new SyncStartedEvent(ID, "run-1", "default", "nginx"), T0.plusSeconds(1));
        projection.on(succeeded("run-1"), T0.plusSeconds(2));
        projection.on(requested("run-2", SyncTrigger.SCHEDULED, "system:scheduler"), T0.plusSeconds(10));
        projection.on(new SyncStartedEvent(ID, "run-2", "default", "nginx"), T0.plusSeconds(11));
        projection.on(failed("run-2"), T0.plusSeconds(12));
        // and a closed run's start or result delivered late, at another time
        projection.on(new SyncStartedEvent(ID, "run-1", "default", "nginx"), T0.plusSeconds(20));
        projection.on(failed("run-1"), T0.plusSeconds(21));
        projection.on(succeeded("run-2"), T0.plusSeconds(22));

        assertThat(run("run-1")).usingRecursiveComparison().isEqualTo(succeeded);
        assertThat(run("run-2")).usingRecursiveComparison().isEqualTo(failed);
        assertThat(queries.countByRepository(List.of(ID.value())).getOrDefault(ID.value(), 0L)).isEqualTo(2L);
    }

    @Test
    void aResultOfARunNeverRequestedWritesNothing() {
        projection.on(new SyncStartedEvent(ID, "run-x", "default", "nginx"), T0);
        projection.on(succeeded("run-x"), T0.plusSeconds(1));

        assertThat(queries.find("run-x")).isEmpty();
        assertThat(queries.countByRepository(List.of(ID.value())).getOrDefault(ID.value(), 0L)).isZero();
    }

    @Test
    void pagesFollowEachOtherNewestFirst() {
        for (int i = 0; i < 5; i++) {
            projection.on(requested("run-" + i, SyncTrigger.SCHEDULED, "system:scheduler"), T0.plusSeconds(i));
        }
        List<String> seen = new ArrayList<>();
        SyncRunPage page = queries.list(ID.value(), 2, null, null);
        page.items().forEach(r -> seen.add(r.id()));
        while (page.hasNextPage()) {
            SyncRunView last = page.items().get(page.items().size() - 1);
            page = queries.list(ID.value(), 2, last.requestedAt(), last.id());
            page.items().forEach(r -> seen.add(r.id()));
        }
        assertThat(seen).containsExactly("run-4", "run-3", "run-2", "run-1", "run-0");
    }

    @Test
    void resetEmptiesTheHistory() {
        projection.on(requested("run-1", SyncTrigger.MANUAL, "alice"), T0);
        projection.reset();
        assertThat(queries.countByRepository(List.of(ID.value())).getOrDefault(ID.value(), 0L)).isZero();
    }
}
