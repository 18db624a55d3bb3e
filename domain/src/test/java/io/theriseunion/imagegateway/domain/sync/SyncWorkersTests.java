package io.theriseunion.imagegateway.domain.sync;

import io.theriseunion.imagegateway.domain.api.RegistryRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The sync workers' fairness: share caps, turns, parking and deadlines. No Spring, no registry. */
class SyncWorkersTests {

    private static final RegistryRef A = new RegistryRef("tenant-a", "slow");
    private static final RegistryRef B = new RegistryRef("tenant-b", "fast");
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final CountDownLatch gate = new CountDownLatch(1);
    private SyncWorkers workers;

    @AfterEach
    void stop() {
        gate.countDown();
        workers.close();
    }

    private static SyncWorkers.Task task(Runnable work) {
        return task(work, null, () -> { });
    }

    private static SyncWorkers.Task task(Runnable work, Instant deadline, Runnable overtime) {
        return new SyncWorkers.Task() {
            @Override
            public void run() {
                work.run();
            }

            @Override
            public Instant deadline() {
                return deadline;
            }

            @Override
            public void overtime() {
                overtime.run();
            }
        };
    }

    private void awaitGate() {
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aSourceHoldsAtMostItsShareOfTheWorkersWhateverItsOwnLimit() {
        workers = new SyncWorkers(4, SyncWorkers.perSourceCap(4, 0.5), source -> 64, Clock.systemUTC());
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        for (int i = 0; i < 6; i++) {
            workers.submit(A, task(() -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                awaitGate();
                running.decrementAndGet();
            }));
        }
        CountDownLatch other = new CountDownLatch(1);
        workers.submit(B, task(other::countDown));

        await().atMost(PATIENCE).until(() -> other.getCount() == 0);
        assertThat(workers.backlog(A)).isEqualTo(new SyncWorkers.Backlog(4, 2, 0));
        gate.countDown();
        await().atMost(PATIENCE).until(() -> workers.backlog(A).equals(new SyncWorkers.Backlog(0, 0, 0)));
        assertThat(most.get()).isEqualTo(2);
    }

    @Test
    void aSourcesOwnLowerLimitStillHolds() {
        workers = new SyncWorkers(8, 4, source -> 1, Clock.systemUTC());
        for (int i = 0; i < 3; i++) {
            workers.submit(A, task(this::awaitGate));
        }
        await().atMost(PATIENCE).until(() -> workers.busy() == 1);
        assertThat(workers.backlog(A)).isEqualTo(new SyncWorkers.Backlog(2, 1, 0));
    }

    @Test
    void aWorkerIsGivenBackAfterEachTaskAndSourcesTakeTurns() {
        workers = new SyncWorkers(1, 1, source -> 4, Clock.systemUTC());
        List<String> order = new CopyOnWriteArrayList<>();
        workers.submit(A, task(this::awaitGate));
        await().atMost(PATIENCE).until(() -> workers.busy() == 1);
        for (String name : List.of("a1", "a2", "a3")) {
            workers.submit(A, task(() -> order.add(name)));
        }
        for (String name : List.of("b1", "b2")) {
            workers.submit(B, task(() -> order.add(name)));
        }
        gate.countDown();
        await().atMost(PATIENCE).until(() -> order.size() == 5);
        assertThat(order).containsExactly("a1", "b1", "a2", "b2", "a3");
    }

    @Test
    void aParkedTaskHoldsNoWorkerAndRunsWhenItsWaitIsOver() {
        workers = new SyncWorkers(1, 1, source -> 4, Clock.systemUTC());
        Map<String, Boolean> ran = new ConcurrentHashMap<>();
        workers.park(A, Instant.now().plus(Duration.ofHours(1)), task(() -> ran.put("paused for an hour", true)));
        workers.park(A, Instant.now().plusMillis(200), task(() -> ran.put("short backoff", true)));
        workers.submit(B, task(() -> ran.put("other source", true)));

        await().atMost(PATIENCE).until(() -> ran.containsKey("other source") && ran.containsKey("short backoff"));
        assertThat(ran).doesNotContainKey("paused for an hour");
        assertThat(workers.backlog(A)).isEqualTo(new SyncWorkers.Backlog(0, 0, 1));
        assertThat(workers.busy()).isZero();
    }

    @Test
    void aTaskStillRunningAtItsDeadlineGivesItsWorkerBack() {
        workers = new SyncWorkers(1, 1, source -> 4, Clock.systemUTC());
        AtomicBoolean overtime = new AtomicBoolean();
        workers.submit(A, task(this::awaitGate, Instant.now().plusMillis(300), () -> overtime.set(true)));
        CountDownLatch other = new CountDownLatch(1);
        workers.submit(B, task(other::countDown));

        await().atMost(PATIENCE).until(() -> other.getCount() == 0);
        assertThat(overtime).isTrue();
        assertThat(workers.backlog(A).running()).isZero();
    }

    @Test
    void aTaskTakenPastItsDeadlineOnlyRunsItsOvertime() {
        workers = new SyncWorkers(1, 1, source -> 4, Clock.systemUTC());
        AtomicBoolean ran = new AtomicBoolean();
        CountDownLatch overtime = new CountDownLatch(1);
        workers.submit(A, task(() -> ran.set(true), Instant.now().minusSeconds(1), overtime::countDown));

        await().atMost(PATIENCE).until(() -> overtime.getCount() == 0 && workers.busy() == 0);
        assertThat(ran).isFalse();
    }
}
