package io.theriseunion.imagegateway.bench;

import okhttp3.OkHttpClient;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The floor of a registry benchmark: the same requests without the gateway, from one OkHttp client. */
final class BareLoop {

    /** The requests of item i. */
    interface Item {
        void send(OkHttpClient client, int i) throws Exception;
    }

    private BareLoop() {
    }

    /** Sends items 0..n-1 at the given concurrency twice: seconds of the fresh round, then of the warm one. */
    static double[] twice(int n, int concurrency, Item item) throws Exception {
        return rounds(2, n, concurrency, item);
    }

    /** Sends items 0..n-1 at the given concurrency once, from a fresh client: seconds. */
    static double once(int n, int concurrency, Item item) throws Exception {
        return rounds(1, n, concurrency, item)[0];
    }

    private static double[] rounds(int rounds, int n, int concurrency, Item item) throws Exception {
        OkHttpClient client = new OkHttpClient.Builder().build();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            double[] seconds = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                long t0 = System.nanoTime();
                List<Future<?>> all = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    int index = i;
                    all.add(pool.submit(() -> {
                        item.send(client, index);
                        return null;
                    }));
                }
                for (Future<?> f : all) {
                    f.get();
                }
                seconds[round] = (System.nanoTime() - t0) / 1e9;
            }
            return seconds;
        } finally {
            pool.shutdownNow();
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }
}
