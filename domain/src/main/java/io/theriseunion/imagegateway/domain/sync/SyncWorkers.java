package io.theriseunion.imagegateway.domain.sync;

import io.theriseunion.imagegateway.domain.api.RegistryRef;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

/**
 * Runs sync tasks on a fixed number of workers, fairly across registry sources.
 * <ul>
 *   <li>A source holds at most {@code min(its concurrencyLimit, maxPerSource)} workers at once; its other
 *       tasks wait in its own queue, holding no worker.</li>
 *   <li>A worker runs one task, then is given back. The next task is taken round-robin over the sources with
 *       queued tasks and room under their cap, so a source with a long queue gets no more turns than one with
 *       a short queue.</li>
 *   <li>A task that must wait (a rate-limit pause, a retry backoff) is {@link #park parked} on a timer and
 *       queued again when the wait is over; a parked task holds no worker.</li>
 *   <li>A task still running at its deadline gives its worker back: the worker is counted free, the next
 *       task starts, and the task's {@link Task#overtime()} runs (the sync process records TIMEOUT). The
 *       thread that ran it is no longer counted as a worker but still waits for its network call, until the
 *       registry client's own timeouts end it; what it returns then is dropped.</li>
 * </ul>
 * What is queued or parked lives in memory only. A node that stops {@link #drain drains} its workers: every queued
 * and parked task is {@link Task#handBack handed back} at once (for another node to take), and the running ones
 * go on to their end; a task submitted or parked after that is handed back as well.
 */
public class SyncWorkers implements AutoCloseable {

    private final int workers;
    private final int maxPerSource;
    private final ToIntFunction<RegistryRef> limits;
    private final Clock clock;
    private final ThreadPoolExecutor threads;
    private final ScheduledThreadPoolExecutor timer;

    private final Object lock = new Object();
    private final Map<RegistryRef, Lane> lanes = new HashMap<>();
    /** The lanes with queued tasks, in the order of their next turn. */
    private final ArrayDeque<Lane> turns = new ArrayDeque<>();
    private int busy;
    private volatile boolean closed;
    private volatile boolean draining;
    /** The parked tasks and their timers, so that a drain can hand them back. */
    private final Set<Parked> parkedTasks = ConcurrentHashMap.newKeySet();

    /**
     * @param workers      tasks running at once over all sources
     * @param maxPerSource most workers one source may hold, whatever its own limit says
     * @param limits       a source's own concurrency limit
     */
    public SyncWorkers(int workers, int maxPerSource, ToIntFunction<RegistryRef> limits, Clock clock) {
        if (workers < 1 || maxPerSource < 1) {
            throw new IllegalArgumentException("workers and maxPerSource must be at least 1");
        }
        this.workers = workers;
        this.maxPerSource = maxPerSource;
        this.limits = limits;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        // threads beyond the worker count only ever belong to tasks that ran past their deadline
        this.threads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                                              r -> daemon(r, "sync-worker-" + n.incrementAndGet()));
        this.timer = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "sync-timer"));
        this.timer.setRemoveOnCancelPolicy(true);
    }

    /** The most workers one source may hold: {@code share} of the pool, at least one. */
    public static int perSourceCap(int workers, double share) {
        return Math.max(1, (int) Math.floor(workers * share));
    }

    /** One step of a sync, run on a worker. */
    public interface Task {

        void run();

        /** When the task gives its worker back if it is still running; null for never. */
        Instant deadline();

        /** Runs once, on its own thread, when the task is still running at its deadline (or starts after it). */
        void overtime();

        /**
         * The node stops: the task, queued or parked, will not run here. Runs on the thread that drains (or that
         * submitted or parked the task after the drain).
         */
        default void handBack() {
        }
    }

    /** What a source has in hand: tasks waiting for a worker, running, and parked until a wait is over. */
    public record Backlog(int queued, int running, int parked) {
    }

    /** Queues the task behind the source's other tasks; it runs on the source's next turn. */
    public void submit(RegistryRef source, Task task) {
        submit(source, limits.applyAsInt(source), task);
    }

    /** As {@link #submit(RegistryRef, Task)}, with the source's own concurrency limit already known. */
    public void submit(RegistryRef source, int concurrencyLimit, Task task) {
        int cap = Math.max(1, Math.min(concurrencyLimit, maxPerSource));
        if (draining) {
            task.handBack();
            return;
        }
        synchronized (lock) {
            Lane lane = lanes.computeIfAbsent(source, Lane::new);
            lane.cap = cap;
            lane.queued.add(task);
            if (lane.queued.size() == 1) {
                turns.addLast(lane);
            }
        }
        dispatch();
    }

    /** Holds the task, without a worker, until {@code until}; then queues it as {@link #submit} does. */
    public void park(RegistryRef source, Instant until, Task task) {
        if (draining) {
            task.handBack();
            return;
        }
        Lane lane;
        synchronized (lock) {
            lane = lanes.computeIfAbsent(source, Lane::new);
            lane.parked++;
        }
        Parked parked = new Parked(lane, task);
        parkedTasks.add(parked);
        long delay = Math.max(0, Duration.between(clock.instant(), until).toMillis());
        try {
            parked.timer = timer.schedule(() -> {
                if (unpark(parked)) {
                    submit(source, task);
                }
            }, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            unpark(parked);
        }
        if (draining && unpark(parked)) { // drained while it was being parked
            task.handBack();
        }
    }

    /** Takes the task off the timer's list once; false when its wait ended already or a drain took it. */
    private boolean unpark(Parked parked) {
        if (!parkedTasks.remove(parked)) {
            return false;
        }
        synchronized (lock) {
            parked.lane.parked--;
        }
        return true;
    }

    /**
     * The node stops: from now on nothing new starts. Every queued and parked task is handed back at once
     * ({@link Task#handBack}); a task submitted or parked later is handed back when it arrives. Running tasks go
     * on; {@link #awaitIdle} waits for them.
     */
    public void drain() {
        draining = true;
        List<Task> back = new ArrayList<>();
        synchronized (lock) {
            for (Lane lane : lanes.values()) {
                back.addAll(lane.queued);
                lane.queued.clear();
            }
            turns.clear();
        }
        for (Parked parked : List.copyOf(parkedTasks)) {
            if (unpark(parked)) {
                ScheduledFuture<?> t = parked.timer;
                if (t != null) {
                    t.cancel(false);
                }
                back.add(parked.task);
            }
        }
        back.forEach(Task::handBack);
    }

    /** Waits until no task runs, or until the timeout; true when none runs. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (busy > 0) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            return true;
        }
    }

    public Backlog backlog(RegistryRef source) {
        synchronized (lock) {
            Lane lane = lanes.get(source);
            return lane == null ? new Backlog(0, 0, 0) : new Backlog(lane.queued.size(), lane.running, lane.parked);
        }
    }

    /** Workers running a task now, over all sources. */
    public int busy() {
        synchronized (lock) {
            return busy;
        }
    }

    private void dispatch() {
        if (closed) {
            return;
        }
        List<Running> starting = new ArrayList<>();
        synchronized (lock) {
            int atCap = 0;
            while (busy < workers && atCap < turns.size()) {
                Lane lane = turns.pollFirst();
                if (lane.running >= lane.cap) {
                    turns.addLast(lane);
                    atCap++;
                    continue;
                }
                Task task = lane.queued.poll();
                if (!lane.queued.isEmpty()) {
                    turns.addLast(lane);
                }
                lane.running++;
                busy++;
                atCap = 0;
                starting.add(new Running(lane, task));
            }
        }
        starting.forEach(this::launch);
    }

    private void launch(Running r) {
        Instant deadline = r.task.deadline();
        try {
            if (deadline != null) {
                long delay = Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
                r.watchdog = timer.schedule(() -> overtime(r), delay, TimeUnit.MILLISECONDS);
                if (delay == 0) {
                    return; // started past its deadline: only its overtime runs
                }
            }
            threads.execute(() -> {
                try {
                    r.task.run();
                } finally {
                    release(r);
                }
            });
        } catch (RejectedExecutionException closed) {
            release(r);
        }
    }

    /** The task is still running at its deadline: its worker is given back now. */
    private void overtime(Running r) {
        if (!release(r)) {
            return;
        }
        try {
            threads.execute(r.task::overtime);
        } catch (RejectedExecutionException closed) {
            // stopping: the run's execution stays in the queue for the node that takes it up (or, failing that,
            // the gateway's sweep of overdue runs) to end it
        }
    }

    /** Frees the task's worker once; false when it was freed already. */
    private boolean release(Running r) {
        if (!r.released.compareAndSet(false, true)) {
            return false;
        }
        ScheduledFuture<?> watchdog = r.watchdog;
        if (watchdog != null) {
            watchdog.cancel(false);
        }
        synchronized (lock) {
            r.lane.running--;
            busy--;
            lock.notifyAll();
            if (r.lane.running == 0 && r.lane.parked == 0 && r.lane.queued.isEmpty()) {
                lanes.remove(r.lane.source, r.lane);
            }
        }
        dispatch();
        return true;
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        threads.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static final class Lane {
        private final RegistryRef source;
        private final ArrayDeque<Task> queued = new ArrayDeque<>();
        private int cap = 1;
        private int running;
        private int parked;

        private Lane(RegistryRef source) {
            this.source = source;
        }
    }

    private static final class Parked {
        private final Lane lane;
        private final Task task;
        private volatile ScheduledFuture<?> timer;

        private Parked(Lane lane, Task task) {
            this.lane = lane;
            this.task = task;
        }
    }

    private static final class Running {
        private final Lane lane;
        private final Task task;
        private final AtomicBoolean released = new AtomicBoolean();
        private volatile ScheduledFuture<?> watchdog;

        private Running(Lane lane, Task task) {
            this.lane = lane;
            this.task = task;
        }
    }
}
