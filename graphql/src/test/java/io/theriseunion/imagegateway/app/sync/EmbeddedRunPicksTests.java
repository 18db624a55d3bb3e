package io.theriseunion.imagegateway.app.sync;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded store's picks of due sync runs (db-scheduler's lock-and-fetch on H2), on the store's own table as
 * the migrations leave it: the due runs are run oldest first, each once, as many at a time as there are threads,
 * and a run not yet due waits.
 */
class EmbeddedRunPicksTests {

    private static final String TASK = SyncRunScheduler.TASK;

    @TempDir
    Path data;

    private Scheduler scheduler;

    @AfterEach
    void stop() {
        if (scheduler != null) {
            scheduler.stop();
        }
    }

    @Test
    void dueRunsAreRunOldestFirstEachOnceAndALaterOneWaits() throws InterruptedException {
        JdbcDataSource store = new JdbcDataSource();
        store.setURL("jdbc:h2:file:" + data.resolve("store").toAbsolutePath());
        Flyway.configure().dataSource(store).locations("classpath:db/migration/h2").load().migrate();

        List<String> started = new CopyOnWriteArrayList<>();
        CountDownLatch firstRound = new CountDownLatch(1);
        OneTimeTask<Void> run = Tasks.oneTime(TASK).execute((instance, context) -> {
            started.add(instance.getId());
            try {
                firstRound.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            }
        });
        scheduler = Scheduler.create(store, List.of(run))
                             .tableName(SyncRunScheduler.TABLE)
                             .threads(4)
                             .pollingInterval(Duration.ofMillis(200))
                             .alwaysPersistTimestampInUTC()
                             .pollUsingLockAndFetch(0.5, 1.0)
                             .jdbcCustomization(new EmbeddedRunPicks(TASK))
                             .build();
        Instant now = Instant.now();
        List<String> due = new ArrayList<>(); // the oldest first
        // queued newest first, so that the order they run in is the picks' and not the inserts'
        for (int i = 1; i <= 40; i++) {
            String id = "run-%02d".formatted(i);
            due.add(0, id);
            scheduler.schedule(run.instance(id), now.minusSeconds(i * 60L));
        }
        scheduler.schedule(run.instance("later"), now.plus(Duration.ofHours(1)));

        scheduler.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> started.size() == 4);
        assertThat(started).as("the first pick: the four oldest, one per thread")
                           .containsExactlyInAnyOrderElementsOf(due.subList(0, 4));
        firstRound.countDown();

        await().atMost(Duration.ofSeconds(20)).until(() -> started.size() >= 40);
        assertThat(started).as("every due run, each once").hasSize(40).containsExactlyInAnyOrderElementsOf(due);
        JdbcTemplate jdbc = new JdbcTemplate(store);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                jdbc.queryForList("SELECT task_instance FROM " + SyncRunScheduler.TABLE, String.class))
                .as("what is left queued").containsExactly("later"));
        assertThat(jdbc.queryForObject("SELECT picked FROM " + SyncRunScheduler.TABLE, Boolean.class))
                .as("the later run is not claimed").isFalse();
    }
}
