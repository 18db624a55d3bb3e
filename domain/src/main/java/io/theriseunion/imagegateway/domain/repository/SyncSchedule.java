package io.theriseunion.imagegateway.domain.repository;

import io.theriseunion.imagegateway.domain.api.GoDuration;
import io.theriseunion.imagegateway.domain.api.RepositoryId;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.GenericEventMessage;

import java.time.Duration;
import java.time.Instant;

/**
 * When a repository syncs next. The time is decided here and carried by the run's result event
 * ({@code nextSyncAt}); the check that is then due is fetched, with every other due one, in batches from the
 * compact per-repository record {@code sync_check} (the gateway's scheduled checks), not kept as one deadline per
 * repository. A small jitter derived from the repository id spreads thousands of repositories with one interval
 * over time instead of waking them all at once. No deadline is stored per run either (the gateway's sweep of
 * overdue runs ends a run left open past its overdueAt); interval and overdue deadlines stored by older gateways
 * are still cancelled by their id and, when one fires, still handled.
 */
public final class SyncSchedule {

    static final String SCHEDULED_SYNC = "scheduled-sync";
    static final String SYNC_OVERDUE = "sync-overdue";

    private SyncSchedule() {
    }

    static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    /** When the next interval sync is due, and the id of its deadline. */
    record Next(Instant at, String scheduleId) {
    }

    /**
     * When the next interval check is due: one interval (and the repository's jitter) from now. No deadline is
     * stored: the result event carries the time, and the scheduled checks read it from {@code sync_check}.
     */
    static Next next(RepositoryId id, String syncInterval) {
        Duration interval = GoDuration.parse(syncInterval);
        return new Next(now().plus(interval.plus(jitter(id, interval))), null);
    }

    /**
     * Plans the next interval sync again after the interval changed: one new interval (and the repository's jitter)
     * after the last run ended, or after now when no run has ended yet; a time already past means now. Cancels
     * the interval deadline a gateway before the scheduled checks planned, if any.
     */
    static Next replan(DeadlineManager deadlines, RepositoryId id, String syncInterval, Instant lastRunEnded,
                       String plannedScheduleId) {
        cancel(deadlines, SCHEDULED_SYNC, plannedScheduleId);
        Duration interval = GoDuration.parse(syncInterval);
        Instant now = now();
        Instant due = (lastRunEnded == null ? now : lastRunEnded).plus(interval).plus(jitter(id, interval));
        return new Next(due.isBefore(now) ? now : due, null);
    }

    /** Cancels a deadline by its id (kept in the events), never by scanning all of a scope's deadlines. */
    static void cancel(DeadlineManager deadlines, String name, String scheduleId) {
        if (scheduleId != null) {
            deadlines.cancelSchedule(name, scheduleId);
        }
    }

    /**
     * When the check after one at {@code at} is due: one interval and the repository's jitter later, as after a run
     * ({@link #next}). For the scheduled checks, which record an unchanged check without the aggregate.
     */
    public static Instant nextAfter(RepositoryId id, String syncInterval, Instant at) {
        Duration interval = GoDuration.parse(syncInterval);
        return at.plus(interval).plus(jitter(id, interval));
    }

    /** Up to 5% of the interval and at most 5 minutes, the same for the same repository every time. */
    static Duration jitter(RepositoryId id, Duration interval) {
        long bound = Math.min(interval.toMillis() / 20, Duration.ofMinutes(5).toMillis());
        return bound <= 0 ? Duration.ZERO : Duration.ofMillis(Math.floorMod(id.value().hashCode(), bound));
    }
}
