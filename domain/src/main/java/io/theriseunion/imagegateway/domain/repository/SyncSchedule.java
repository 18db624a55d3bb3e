package io.theriseunion.imagegateway.domain.repository;

import io.theriseunion.imagegateway.domain.api.GoDuration;
import io.theriseunion.imagegateway.domain.api.RepositoryId;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.GenericEventMessage;

import java.time.Duration;
import java.time.Instant;

/**
 * When a repository syncs next. Deadlines live in the deadline manager's store (db-scheduler's table), so the
 * schedule survives restarts and is shared by all nodes; a small jitter derived from the repository id
 * spreads thousands of repositories with one interval over time instead of waking them all at once.
 */
final class SyncSchedule {

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
     * Schedules the next interval sync. Deadlines are cancelled by their id (kept in the events), never by
     * scanning: with db-scheduler, cancelling "all within a scope" reads every stored deadline.
     */
    static Next scheduleNext(DeadlineManager deadlines, RepositoryId id, String syncInterval) {
        Duration interval = GoDuration.parse(syncInterval);
        Duration wait = interval.plus(jitter(id, interval));
        String scheduleId = deadlines.schedule(wait, SCHEDULED_SYNC, id.value());
        return new Next(now().plus(wait), scheduleId);
    }

    /**
     * Plans the next interval sync again after the interval changed: one new interval (and the repository's jitter)
     * after the last run ended, or after now when no run has ended yet; a time already past means now. Cancels
     * the deadline planned before.
     */
    static Next replan(DeadlineManager deadlines, RepositoryId id, String syncInterval, Instant lastRunEnded,
                       String plannedScheduleId) {
        cancel(deadlines, SCHEDULED_SYNC, plannedScheduleId);
        Duration interval = GoDuration.parse(syncInterval);
        Instant now = now();
        Instant due = (lastRunEnded == null ? now : lastRunEnded).plus(interval).plus(jitter(id, interval));
        Duration wait = due.isBefore(now) ? Duration.ZERO : Duration.between(now, due);
        String scheduleId = deadlines.schedule(wait, SCHEDULED_SYNC, id.value());
        return new Next(now.plus(wait), scheduleId);
    }

    static void cancel(DeadlineManager deadlines, String name, String scheduleId) {
        if (scheduleId != null) {
            deadlines.cancelSchedule(name, scheduleId);
        }
    }

    /** Up to 5% of the interval and at most 5 minutes, the same for the same repository every time. */
    static Duration jitter(RepositoryId id, Duration interval) {
        long bound = Math.min(interval.toMillis() / 20, Duration.ofMinutes(5).toMillis());
        return bound <= 0 ? Duration.ZERO : Duration.ofMillis(Math.floorMod(id.value().hashCode(), bound));
    }
}
