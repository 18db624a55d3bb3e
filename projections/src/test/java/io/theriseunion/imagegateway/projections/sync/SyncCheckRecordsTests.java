package io.theriseunion.imagegateway.projections.sync;

import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.RepositoryAddedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryDeletedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryId;
import io.theriseunion.imagegateway.domain.api.SyncError;
import io.theriseunion.imagegateway.domain.api.SyncFailedEvent;
import io.theriseunion.imagegateway.domain.api.SyncRequestedEvent;
import io.theriseunion.imagegateway.domain.api.SyncSucceededEvent;
import io.theriseunion.imagegateway.domain.api.SyncTarget;
import io.theriseunion.imagegateway.domain.api.SyncTrigger;
import io.theriseunion.imagegateway.projections.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheduled checks' schedule (sync-checks projection) and their batched records, on the real schema (H2). */
class SyncCheckRecordsTests {

    private static final RepositoryId ID = RepositoryId.of("5f0c7a1e-0000-4000-8000-0000000000c1");
    private static final Instant T0 = Instant.parse("2024-01-08T08:00:00Z");
    private static final Instant NEXT = T0.plusSeconds(3600);
    private static final Duration CLAIM = Duration.ofMinutes(10);
    private static final SyncTarget TARGET = new SyncTarget("default", "nginx", new RegistryRef("default", "harbor"),
                                                            "library/nginx", "latest", "10m", 3, null, true);

    private JdbcTemplate jdbc;
    private SyncCheckProjection schedule;
    private SyncCheckRecords records;
    private SyncHistoryQueries history;
    private long sequence;

    @BeforeEach
    void migrate() {
        jdbc = TestDatabase.migrated();
        schedule = new SyncCheckProjection(jdbc);
        records = new SyncCheckRecords(jdbc, new DataSourceTransactionManager(jdbc.getDataSource()));
        history = new SyncHistoryQueries(jdbc);
        schedule.on(new RepositoryAddedEvent(ID, "default", "nginx", null, null, new RegistryRef("default", "harbor"),
                                             "library/nginx", "latest", "1h", "10m", 3), sequence++);
    }

    private void requested(String runId) {
        schedule.on(new SyncRequestedEvent(ID, runId, SyncTrigger.SCHEDULED, "system:scheduler", TARGET,
                                           T0.plusSeconds(600), "o"), sequence++);
    }

    private void succeeded(String runId, String digest) {
        schedule.on(new SyncSucceededEvent(ID, runId, "default", "nginx", digest, true, null, List.of(), List.of(),
                                           null, 1, 1, NEXT, null), sequence++);
    }

    private UnchangedCheck unchanged(DueCheck due, Instant at) {
        return new UnchangedCheck(due, due.streakId() != null ? due.streakId() : "series-" + at.getEpochSecond(), at,
                                  at.plusSeconds(3600));
    }

    @Test
    void nothingIsDueWhileTheFirstRunIsOpenThenTheCheckIsDueAtTheTimeItsResultPlanned() {
        assertThat(records.claimDue(T0.plusSeconds(86_400), 10, T0.plusSeconds(90_000))).isEmpty();
        succeeded("run-1", "sha256:a");
        assertThat(records.claimDue(NEXT.minusSeconds(1), 10, NEXT.plus(CLAIM))).isEmpty();
        List<DueCheck> due = records.claimDue(NEXT, 10, NEXT.plus(CLAIM));
        assertThat(due).singleElement().satisfies(d -> {
            assertThat(d.repositoryId()).isEqualTo(ID.value());
            assertThat(d.target().knownDigest()).isEqualTo("sha256:a");
            assertThat(d.target().refreshTags()).isFalse();
            assertThat(d.fullRun()).isFalse();
            assertThat(d.syncInterval()).isEqualTo("1h");
        });
    }

    @Test
    void aCheckDueWithinTheHorizonIsClaimedAheadWithTheTimeItIsDue() {
        succeeded("run-1", "sha256:a");
        Instant now = NEXT.minusMillis(150);
        assertThat(records.claimDue(now, NEXT.minusMillis(1), 10, now.plus(CLAIM))).isEmpty();
        assertThat(records.claimDue(now, NEXT, 10, now.plus(CLAIM))).singleElement()
                                                                    .satisfies(d -> assertThat(d.dueAt()).isEqualTo(NEXT));
        // claimed ahead is claimed: not handed out again, now or once it is due
        assertThat(records.claimDue(NEXT, 10, NEXT.plus(CLAIM))).isEmpty();
    }

    @Test
    void aClaimedCheckIsNotHandedOutTwiceAndIsDueAgainWhenItsClaimEndsUnrecorded() {
        succeeded("run-1", "sha256:a");
        assertThat(records.claimDue(NEXT, 10, NEXT.plus(CLAIM))).hasSize(1);
        assertThat(records.claimDue(NEXT.plusSeconds(1), 10, NEXT.plus(CLAIM))).isEmpty();
        // its node stopped before recording it: due again once the claim ends, nothing stays stuck
        assertThat(records.claimDue(NEXT.plus(CLAIM), 10, NEXT.plus(CLAIM).plus(CLAIM))).hasSize(1);
    }

    @Test
    void afterAFailureTheCheckIsAFullRunSoThatTheRecoveryIsAnEvent() {
        schedule.on(new SyncFailedEvent(ID, "run-1", "default", "nginx", new SyncError("NOT_FOUND", "no tag", 404), 1,
                                        NEXT, null), sequence++);
        assertThat(records.claimDue(NEXT, 10, NEXT.plus(CLAIM))).singleElement()
                                                               .satisfies(d -> assertThat(d.fullRun()).isTrue());
    }

    @Test
    void unchangedChecksCountInOneHistoryEntryUntilARunEndsTheSeries() {
        succeeded("run-1", "sha256:a");
        DueCheck first = records.claimDue(NEXT, 10, NEXT.plus(CLAIM)).get(0);
        Instant t1 = NEXT.plusSeconds(1);
        assertThat(records.recordUnchanged(List.of(unchanged(first, t1)))).hasSize(1);
        Instant due = t1.plusSeconds(3600);
        DueCheck second = records.claimDue(due, 10, due.plus(CLAIM)).get(0);
        Instant t2 = due.plusSeconds(1);
        records.recordUnchanged(List.of(unchanged(second, t2)));

        SyncRunView series = history.list(ID.value(), 10, null, null).items().get(0);
        assertThat(series.unchangedChecks()).isEqualTo(2);
        assertThat(series.requestedAt()).isEqualTo(t1);
        assertThat(series.finishedAt()).isEqualTo(t2);
        assertThat(series.changed()).isFalse();
        assertThat(series.digest()).isEqualTo("sha256:a");
        assertThat(series.requestedBy()).isEqualTo("system:scheduler");

        // a run ends the series: the next unchanged check starts a new entry
        requested("run-2");
        succeeded("run-2", "sha256:a");
        Instant later = NEXT.plusSeconds(1);
        DueCheck third = records.claimDue(later, 10, later.plus(CLAIM)).get(0);
        assertThat(third.streakId()).isNull();
        records.recordUnchanged(List.of(unchanged(third, t2.plusSeconds(7200))));
        assertThat(history.list(ID.value(), 10, null, null).items())
                .extracting(SyncRunView::unchangedChecks).containsExactly(1, 2);
    }

    @Test
    void aCheckWhoseRowMovedOnMeanwhileIsNotRecorded() {
        succeeded("run-1", "sha256:a");
        DueCheck claimed = records.claimDue(NEXT, 10, NEXT.plus(CLAIM)).get(0);
        requested("run-2"); // an operator's sync came while the check ran
        assertThat(records.recordUnchanged(List.of(unchanged(claimed, NEXT.plusSeconds(1))))).isEmpty();
        schedule.on(new RepositoryDeletedEvent(ID, "default", "nginx"));
        assertThat(jdbc.queryForObject("select count(*) from sync_check", Integer.class)).isZero();
    }
}
