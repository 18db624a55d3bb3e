package io.theriseunion.imagegateway.app.sync;

import io.theriseunion.imagegateway.domain.sync.SyncWorkers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This node's share of the sync work, started after Axon and stopped before it (so a run being read can still
 * record its result), after the web server. Starting: the queue of sync runs and this node's tick of scheduled
 * checks. Stopping (a graceful stop, SIGTERM), within {@code gateway.sync.drain-timeout}:
 * <ol>
 *   <li>no new checks are claimed and no new runs are taken from the queue;</li>
 *   <li>the workers are drained: every run and check this node holds but is not reading now (queued for a worker,
 *       or parked for a retry or a rate-limit pause) is handed back, due again at once for another node;</li>
 *   <li>the runs and checks being read go on to their end (their result is recorded); one still reading at the
 *       drain timeout stays claimed, and another node takes it once its claim runs out.</li>
 * </ol>
 */
public class SyncNode implements SmartLifecycle {

    /** After Axon's start (Integer.MAX_VALUE - 3072) and before the web server's stop (Integer.MAX_VALUE - 2048). */
    static final int PHASE = Integer.MAX_VALUE - 2560;
    private static final Logger log = LoggerFactory.getLogger(SyncNode.class);
    /** how often a node whose looks for due checks keep failing says so again */
    private static final Duration REMIND_OF_OUTAGE = Duration.ofMinutes(5);

    private final SyncRunScheduler runs;
    private final ScheduledChecks checks;
    private final SyncWorkers workers;
    private final Duration checkPoll;
    private final Duration drainTimeout;
    private final ScheduledCheckOutage outage;
    private volatile ScheduledExecutorService ticker;

    public SyncNode(SyncRunScheduler runs, ScheduledChecks checks, SyncWorkers workers, Duration checkPoll,
                    Duration drainTimeout) {
        this.runs = runs;
        this.checks = checks;
        this.workers = workers;
        this.checkPoll = checkPoll;
        this.drainTimeout = drainTimeout;
        this.outage = new ScheduledCheckOutage(Clock.systemUTC(), checkPoll, REMIND_OF_OUTAGE);
    }

    @Override
    public void start() {
        runs.start();
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "scheduled-checks");
            thread.setDaemon(true);
            return thread;
        });
        t.scheduleWithFixedDelay(this::tick, checkPoll.toMillis(), checkPoll.toMillis(), TimeUnit.MILLISECONDS);
        ticker = t;
    }

    private void tick() {
        try {
            checks.runDue();
            outage.ran();
        } catch (RuntimeException e) {
            outage.failed(e);
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService t = ticker;
        ticker = null;
        if (t == null) {
            return;
        }
        long started = System.nanoTime();
        checks.stop();
        runs.pause();
        workers.drain();
        t.shutdown();
        try {
            if (!workers.awaitIdle(drainTimeout)) {
                log.warn("Sync work still reading after {}: it stays claimed until its claim runs out", drainTimeout);
            }
            t.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runs.stop();
        log.info("Sync work drained in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    @Override
    public boolean isRunning() {
        return ticker != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
