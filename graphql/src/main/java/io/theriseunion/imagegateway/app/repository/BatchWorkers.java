package io.theriseunion.imagegateway.app.repository;

import io.theriseunion.imagegateway.app.origin.CurrentOrigin;

import io.theriseunion.imagegateway.app.config.GatewayProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
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
    /** room in the queue, in items: a share of several items takes one permit per item until a worker starts it */
    private final Semaphore room;
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
        this.room = new Semaphore(queueSize);
        this.timeout = timeout;
        AtomicInteger count = new AtomicInteger();
        executor = new ThreadPoolExecutor(properties.batchParallelism(), properties.batchParallelism(), 60,
                                          TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "batch-worker-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues the task of one item; refused with {@link BatchWorkersBusyException} when the queue is full. */
    public <T> Future<T> submit(Callable<T> task) {
        return submit(task, 1);
    }

    /**
     * Queues a task that does several items (a share of a batch): it takes their room in the queue until a worker
     * starts it (or takes it from the queue cancelled); refused with {@link BatchWorkersBusyException} when the queue
     * has no room for that many items.
     */
    public <T> Future<T> submit(Callable<T> task, int items) {
        if (!room.tryAcquire(items)) {
            throw new BatchWorkersBusyException(queueSize);
        }
        FutureTask<T> future = new FutureTask<>(CurrentOrigin.wrap(task));
        try {
            executor.execute(() -> {
                room.release(items);
                future.run();
            });
        } catch (RejectedExecutionException shutDown) {
            room.release(items);
            throw new BatchWorkersBusyException(queueSize);
        }
        return future;
    }

    /** The most items that wait for a worker at once. */
    public int queueSize() {
        return queueSize;
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
