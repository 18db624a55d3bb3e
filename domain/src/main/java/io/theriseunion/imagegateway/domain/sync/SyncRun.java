package io.theriseunion.imagegateway.domain.sync;

import io.theriseunion.imagegateway.domain.api.SyncRequestedEvent;
import org.axonframework.messaging.MetaData;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A sync run this node holds, between its steps: its request, what it cost so far, and whether its result is
 * already on its way (from its last step, or from its overtime at the deadline; whichever comes first).
 */
final class SyncRun {

    final SyncRequestedEvent request;
    final MetaData origin;
    private final AtomicBoolean finished = new AtomicBoolean();
    /** How the run ended on this node: completed once its result is recorded, it is dropped or handed back. */
    final CompletableFuture<SyncProcess.RunEnd> end = new CompletableFuture<>();
    private volatile Instant startedAt;
    private volatile Instant deadline;
    private volatile int attempts;
    private volatile int requests;

    SyncRun(SyncRequestedEvent request, MetaData origin) {
        this.request = request;
        this.origin = origin;
        this.deadline = request.overdueAt();
    }

    void started(Instant at, Instant deadline) {
        this.startedAt = at;
        this.deadline = deadline;
    }

    Instant startedAt() {
        return startedAt;
    }

    /** Until it starts: when the run is overdue. */
    Instant deadline() {
        return deadline;
    }

    int attempts() {
        return attempts;
    }

    int requests() {
        return requests;
    }

    void tried(int attempts, int requests) {
        this.attempts = attempts;
        this.requests += requests;
    }

    boolean isFinished() {
        return finished.get();
    }

    /** True the first time only: the caller records the result. */
    boolean finish() {
        return finished.compareAndSet(false, true);
    }
}
