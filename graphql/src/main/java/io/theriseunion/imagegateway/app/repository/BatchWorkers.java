package io.theriseunion.imagegateway.app.repository;

import io.theriseunion.imagegateway.app.origin.CurrentOrigin;

import io.theriseunion.imagegateway.app.config.GatewayProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that dispatch the items of batch mutations, shared by all requests: a bounded number, so that
 * large batches from many clients queue here instead of exhausting database connections. The queue is bounded
 * too ({@code gateway.batch-queue-size}): an item that finds it full is refused as UNAVAILABLE. Each request
 * waits for its items at most {@code gateway.batch-timeout}; what has not started by then is cancelled.
 */
@Component
public class BatchWorkers implements DisposableBean {

    private final ExecutorService executor;
    private final int queueSize;
    private final Duration timeout;

    public BatchWorkers(GatewayProperties properties, @Value("${gateway.batch-queue-size:2000}") int queueSize,
                        @Value("${gateway.batch-timeout:15s}") Duration timeout) {
        if (queueSize < 1) {
            throw new IllegalArgumentException("gateway.batch-queue-size must be at least 1, not " + queueSize);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("gateway.batch-timeout must be positive, not " + timeout);
        }
        this.queueSize = queueSize;
        this.timeout = timeout;
        AtomicInteger count = new AtomicInteger();
        executor = new ThreadPoolExecutor(properties.batchParallelism(), properties.batchParallelism(), 60,
                                          TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueSize), r -> {
            Thread t = new Thread(r, "batch-worker-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues the task; refused with {@link BatchWorkersBusyException} when the queue is full. */
    public <T> Future<T> submit(Callable<T> task) {
        try {
            return executor.submit(CurrentOrigin.wrap(task));
        } catch (RejectedExecutionException full) {
            throw new BatchWorkersBusyException(queueSize);
        }
    }

    /** How long a request waits for its items. */
    public Duration timeout() {
        return timeout;
    }

    @Override
    public void destroy() {
        executor.shutdown();
    }
}
