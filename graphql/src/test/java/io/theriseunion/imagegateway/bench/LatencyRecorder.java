package io.theriseunion.imagegateway.bench;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs one action from several threads for a fixed number of calls and records each call's latency. */
final class LatencyRecorder {

    private LatencyRecorder() {
    }

    interface Call {
        void run(int threadIndex, int callIndex) throws Exception;
    }

    /** Returns the histogram in microseconds; warm-up calls are made first and not recorded. */
    static Histogram measure(int threads, int callsPerThread, int warmupPerThread, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            run(pool, threads, warmupPerThread, call, null);
            Histogram total = new Histogram(60_000_000L, 3);
            run(pool, threads, callsPerThread, call, total);
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void run(ExecutorService pool, int threads, int calls, Call call, Histogram into) throws Exception {
        List<Callable<Histogram>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            tasks.add(() -> {
                Histogram h = new Histogram(60_000_000L, 3);
                for (int i = 0; i < calls; i++) {
                    long start = System.nanoTime();
                    call.run(thread, i);
                    h.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
                }
                return h;
            });
        }
        for (Future<Histogram> f : pool.invokeAll(tasks)) {
            Histogram h = f.get();
            if (into != null) {
                into.add(h);
            }
        }
    }
}
