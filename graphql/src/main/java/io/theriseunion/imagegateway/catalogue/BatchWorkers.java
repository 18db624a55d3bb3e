package io.theriseunion.imagegateway.catalogue;

import io.theriseunion.imagegateway.origin.CurrentOrigin;

import io.theriseunion.imagegateway.config.GatewayProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that dispatch the items of batch mutations, shared by all requests: a bounded number, so that
 * large batches from many clients queue here instead of exhausting database connections.
 */
@Component
public class BatchWorkers implements DisposableBean {

    private final ExecutorService executor;

    public BatchWorkers(GatewayProperties properties) {
        AtomicInteger count = new AtomicInteger();
        executor = new ThreadPoolExecutor(properties.batchParallelism(), properties.batchParallelism(), 60,
                                          TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "batch-worker-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public <T> Future<T> submit(Callable<T> task) {
        return executor.submit(CurrentOrigin.wrap(task));
    }

    @Override
    public void destroy() {
        executor.shutdown();
    }
}
