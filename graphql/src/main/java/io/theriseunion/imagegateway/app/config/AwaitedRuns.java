package io.theriseunion.imagegateway.app.config;

import io.theriseunion.imagegateway.domain.api.SyncRequestedEvent;
import io.theriseunion.imagegateway.domain.api.SyncTrigger;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The sync runs someone waits to see start: asked for by an operator (a manual sync) or by the registry's push (a
 * webhook). The sync process gathers the events it reads ({@link GatheredEvents}), and such a run must not wait for
 * the gathering: when it is the next event, the process takes it at once ({@link #awaited}); when it is behind
 * other events (a busy node's runs' starts and results), the hold ends as soon as it is committed on this node
 * ({@link #holdUnlessRequested}). A run requested on another node sharing the database waits at most the gather.
 */
public final class AwaitedRuns {

    private static final long NONE = Long.MIN_VALUE;

    private final Object requests = new Object();
    /** when the last awaited run was committed on this node ({@link System#nanoTime()}), or NONE */
    private long lastRequested = NONE;

    /** Told by the event bus of every awaited run this node commits. */
    public AwaitedRuns(EventBus events) {
        events.subscribe(this::committing);
    }

    /** A run someone waits to see start. */
    public static boolean awaited(EventMessage<?> event) {
        return event.getPayload() instanceof SyncRequestedEvent requested
                && (requested.trigger() == SyncTrigger.MANUAL || requested.trigger() == SyncTrigger.WEBHOOK);
    }

    /**
     * Waits up to {@code most}, or less: returns as soon as an awaited run has been committed on this node within
     * the last {@code most} (at once if one already was), so that the batch the caller starts next takes it.
     */
    public void holdUnlessRequested(Duration most) throws InterruptedException {
        long window = most.toNanos();
        long until = System.nanoTime() + window;
        synchronized (requests) {
            while (true) {
                long now = System.nanoTime();
                if (lastRequested != NONE && now - lastRequested < window) {
                    return;
                }
                long left = until - now;
                if (left <= 0) {
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(requests, left);
            }
        }
    }

    /** On the event bus, before the commit: the hold ends once the events are committed (and readable). */
    private void committing(List<? extends EventMessage<?>> events) {
        if (events.stream().noneMatch(AwaitedRuns::awaited)) {
            return;
        }
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> requested());
        } else {
            requested();
        }
    }

    private void requested() {
        synchronized (requests) {
            lastRequested = System.nanoTime();
            requests.notifyAll();
        }
    }
}
