package io.theriseunion.imagegateway.projections.repository;

import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.RepositoryAddedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryDeletedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryId;
import io.theriseunion.imagegateway.domain.api.RepositoryMetadataEditedEvent;
import io.theriseunion.imagegateway.projections.ReadModelProgress;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read-your-writes waits are woken by the projection's commit: a waiter reads its rows once when it starts and
 * once per commit that touches them, never on commits of other rows, and the slow fallback poll still completes
 * a wait for a change that no projection on this node signals (another node's).
 */
class ReadModelProgressTests {

    private static final Instant T0 = Instant.parse("2024-01-08T08:00:00Z");
    private static final Duration LONG = Duration.ofMinutes(2);

    /** A JdbcTemplate that counts the waiters' reads of repository_view and lets a test wait for each. */
    static final class CountingJdbc extends JdbcTemplate {
        final AtomicInteger waiterReads = new AtomicInteger();
        final Semaphore readsDone = new Semaphore(0);

        CountingJdbc(JdbcDataSource ds) {
            super(ds);
        }

        @Override
        public void query(String sql, RowCallbackHandler handler, Object... args) {
            super.query(sql, handler, args);
            if (sql.startsWith("select repository_id, version from repository_view where repository_id in")) {
                waiterReads.incrementAndGet();
                readsDone.release();
            }
        }

        void awaitReads(int n) throws InterruptedException {
            assertThat(readsDone.tryAcquire(n, 2, TimeUnit.MINUTES)).as("waiter reads").isTrue();
        }
    }

    private CountingJdbc jdbc;
    private RepositoryCatalogueProjection projection;

    private ReadModelProgress progress(Duration fallbackPoll) {
        ReadModelProgress progress = new ReadModelProgress(jdbc, fallbackPoll);
        projection = new RepositoryCatalogueProjection(jdbc, progress);
        return progress;
    }

    @BeforeEach
    void migrate() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration/h2").load().migrate();
        jdbc = new CountingJdbc(ds);
    }

    private static RepositoryAddedEvent added(String id, String name) {
        return new RepositoryAddedEvent(RepositoryId.of(id), "default", name, null, null,
                                        new RegistryRef("default", "harbor-prod"), "library/" + name, "latest",
                                        "1h", "10m", 3);
    }

    private static RepositoryMetadataEditedEvent edited(String id, String name, String displayName) {
        return new RepositoryMetadataEditedEvent(RepositoryId.of(id), "default", name, displayName, null, null, null);
    }

    /** Applies an event the way a tracking processor does: in a unit of work that then commits. */
    private void inUnitOfWork(Object event, Runnable handler) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage(event));
        handler.run();
        unitOfWork.commit();
    }

    @Test
    void aWaiterReadsItsRowAgainOnlyWhenTheProjectionCommitsAChangeToIt() throws Exception {
        ReadModelProgress progress = progress(Duration.ofHours(1)); // no fallback poll within this test
        projection.on(added("id-1", "nginx"), 0, T0);
        projection.on(added("id-2", "redis"), 0, T0);

        CompletableFuture<Boolean> waiter = awaitingSecondVersion(progress);
        jdbc.awaitReads(1);
        for (int i = 1; i <= 5; i++) {
            int sequence = i;
            inUnitOfWork(edited("id-2", "redis", "r" + i), () -> projection.on(edited("id-2", "redis", "r" + sequence),
                                                                                sequence, T0.plusSeconds(sequence)));
        }
        inUnitOfWork(edited("id-1", "nginx", "N"), () -> projection.on(edited("id-1", "nginx", "N"), 1, T0.plusSeconds(9)));

        assertThat(waiter.get(2, TimeUnit.MINUTES)).isTrue();
        // one read at the start, one after the commit that touched its row; the five other commits woke nothing
        assertThat(jdbc.waiterReads).hasValue(2);
    }

    @Test
    void aWaiterForADeletionIsReleasedByTheDeletingCommit() throws Exception {
        ReadModelProgress progress = progress(Duration.ofHours(1));
        projection.on(added("id-1", "nginx"), 0, T0);

        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(
                () -> progress.awaitGone(ReadModelProgress.ReadModel.REPOSITORIES, List.of("id-1"), LONG));
        jdbc.awaitReads(1);
        RepositoryDeletedEvent deleted = new RepositoryDeletedEvent(RepositoryId.of("id-1"), "default", "nginx");
        inUnitOfWork(deleted, () -> projection.on(deleted, 1));

        assertThat(waiter.get(2, TimeUnit.MINUTES)).isTrue();
        assertThat(jdbc.waiterReads).hasValue(2);
    }

    @Test
    void aChangeNoProjectionHereSignalsIsSeenByTheFallbackPoll() throws Exception {
        ReadModelProgress progress = progress(Duration.ofMillis(20));
        projection.on(added("id-1", "nginx"), 0, T0);

        CompletableFuture<Boolean> waiter = awaitingSecondVersion(progress);
        jdbc.awaitReads(1);
        // what another node's projection would do on the shared database: no signal reaches this node
        jdbc.update("update repository_view set version = 2 where repository_id = ?", "id-1");

        assertThat(waiter.get(2, TimeUnit.MINUTES)).isTrue();
    }

    @Test
    void aWaitThatIsNeverSatisfiedEndsAtItsTimeout() {
        ReadModelProgress progress = progress(Duration.ofHours(1));
        projection.on(added("id-1", "nginx"), 0, T0);
        assertThat(progress.awaitVersions(ReadModelProgress.ReadModel.REPOSITORIES, Map.of("id-1", 2L),
                                          Duration.ofMillis(50))).isFalse();
        assertThat(progress.awaitPresent(ReadModelProgress.ReadModel.REPOSITORIES, List.of("id-1"),
                                         Duration.ofMillis(50))).isTrue();
    }

    @Test
    void aHeldBackBatchGoesAsSoonAsAMutationWaits() throws Exception {
        ReadModelProgress progress = progress(Duration.ofHours(1));
        projection.on(added("id-1", "nginx"), 0, T0);

        // a projection holding its batch back for far longer than this test may take
        CompletableFuture<Void> hold = holding(progress, Duration.ofHours(1));
        CompletableFuture<Boolean> waiter = awaitingSecondVersion(progress);

        hold.get(2, TimeUnit.MINUTES); // ended by the waiter's arrival, not by its hour
        assertThat(waiter).isNotDone();
        inUnitOfWork(edited("id-1", "nginx", "N"), () -> projection.on(edited("id-1", "nginx", "N"), 1, T0));
        assertThat(waiter.get(2, TimeUnit.MINUTES)).isTrue();
    }

    @Test
    void whileAMutationWaitsNothingIsHeldBackAndWithoutOneTheHoldLastsItsTime() throws Exception {
        ReadModelProgress progress = progress(Duration.ofHours(1));
        projection.on(added("id-1", "nginx"), 0, T0);
        CompletableFuture<Boolean> waiter = awaitingSecondVersion(progress);
        jdbc.awaitReads(1);

        holding(progress, Duration.ofHours(1)).get(2, TimeUnit.MINUTES);

        inUnitOfWork(edited("id-1", "nginx", "N"), () -> projection.on(edited("id-1", "nginx", "N"), 1, T0));
        assertThat(waiter.get(2, TimeUnit.MINUTES)).isTrue();
        long started = System.nanoTime();
        progress.holdUnlessAwaited(Duration.ofMillis(200));
        assertThat(System.nanoTime() - started).as("nobody waits: the whole hold").isGreaterThanOrEqualTo(
                Duration.ofMillis(200).toNanos());
    }

    /** A projection's hold of its next batch, on a thread of its own (not one of the waiters' pool). */
    private static CompletableFuture<Void> holding(ReadModelProgress progress, Duration most) {
        return CompletableFuture.runAsync(() -> {
            try {
                progress.holdUnlessAwaited(most);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, task -> new Thread(task, "holding projection").start());
    }

    /** A mutation waiting, on another thread, for the catalogue to show id-1 at version 2. */
    private static CompletableFuture<Boolean> awaitingSecondVersion(ReadModelProgress progress) {
        return CompletableFuture.supplyAsync(
                () -> progress.awaitVersions(ReadModelProgress.ReadModel.REPOSITORIES, Map.of("id-1", 2L), LONG));
    }
}
