package io.theriseunion.imagegateway.domain.sync;

import io.theriseunion.imagegateway.domain.api.RegistryRef;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

/**
 * Runs syncs with a global limit (the pool size) and a limit per registry source. A sync whose source is at
 * its limit waits in that source's lane without holding a worker, so one slow or rate-limited registry
 * never starves the others.
 */
public class SyncWorkers implements AutoCloseable {

    private final ExecutorService pool;
    private final ToIntFunction<RegistryRef> limits;
    private final Map<RegistryRef, Lane> lanes = new ConcurrentHashMap<>();

    public SyncWorkers(int threads, ToIntFunction<RegistryRef> limits) {
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sync-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.limits = limits;
    }

    public void submit(RegistryRef source, Runnable sync) {
        Lane lane = lanes.computeIfAbsent(source, s -> new Lane());
        synchronized (lane) {
            if (lane.running >= Math.max(1, limits.applyAsInt(source))) {
                lane.waiting.add(sync);
                return;
            }
            lane.running++;
        }
        pool.execute(() -> runInLane(lane, sync));
    }

    /** Syncs waiting because their source is at its limit. */
    public int waiting() {
        return lanes.values().stream().mapToInt(l -> {
            synchronized (l) {
                return l.waiting.size();
            }
        }).sum();
    }

    private void runInLane(Lane lane, Runnable sync) {
        Runnable next = sync;
        while (next != null) {
            try {
                next.run();
            } finally {
                synchronized (lane) {
                    next = lane.waiting.poll();
                    if (next == null) {
                        lane.running--;
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    private static final class Lane {
        private final Queue<Runnable> waiting = new ArrayDeque<>();
        private int running;
    }
}
