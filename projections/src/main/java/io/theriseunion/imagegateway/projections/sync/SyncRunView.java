package io.theriseunion.imagegateway.projections.sync;

import io.theriseunion.imagegateway.domain.api.SyncFailedEvent;
import io.theriseunion.imagegateway.domain.api.SyncRequestedEvent;
import io.theriseunion.imagegateway.domain.api.SyncStartedEvent;
import io.theriseunion.imagegateway.domain.api.SyncSucceededEvent;
import io.theriseunion.imagegateway.domain.api.SyncTrigger;
import io.theriseunion.imagegateway.projections.repository.SyncErrorView;

import java.time.Instant;
import java.util.List;

/**
 * One sync run of a repository, as its history shows it, and the one fold of a run's events ({@link #after}):
 * the sync-history projection writes what it says (a test replays one stream through both), and the live
 * timeline tells it with each status change. A run is opened by its request, started once, and closed once by
 * its success or failure; a closed run no longer changes, so a redelivered event changes nothing.
 * <p>
 * A row with {@code unchangedChecks} set is not one run but a series of that many unchanged scheduled checks
 * (issue 14), from requestedAt (the first) to finishedAt (the last): SCHEDULED, SUCCESS, not changed, with the digest
 * they found. It is kept in place by the scheduled checks, not by events; null for a run.
 */
public record SyncRunView(String id,
                          String repositoryId,
                          SyncTrigger trigger,
                          SyncRunStatus status,
                          String requestedBy,
                          Instant requestedAt,
                          Instant startedAt,
                          Instant finishedAt,
                          int attempts,
                          Boolean changed,
                          String digest,
                          List<String> layersAdded,
                          List<String> layersRemoved,
                          SyncErrorView error,
                          Integer unchangedChecks) {

    /** A run (not a series of unchanged checks). */
    public SyncRunView(String id, String repositoryId, SyncTrigger trigger, SyncRunStatus status, String requestedBy,
                       Instant requestedAt, Instant startedAt, Instant finishedAt, int attempts, Boolean changed,
                       String digest, List<String> layersAdded, List<String> layersRemoved, SyncErrorView error) {
        this(id, repositoryId, trigger, status, requestedBy, requestedAt, startedAt, finishedAt, attempts, changed,
             digest, layersAdded, layersRemoved, error, null);
    }

    /**
     * The run after a repository's event, given the run known before it (the repository's last one, or null):
     * a request opens its run; a start, success or failure moves the known run when it is theirs, and gives null
     * for a run never seen requested (the history has no row for it); other events leave the run as it was.
     */
    public static SyncRunView after(SyncRunView run, Object event, Instant at) {
        if (event instanceof SyncRequestedEvent e) {
            return run != null && run.id.equals(e.runId()) ? run : requested(e, at);
        } else if (event instanceof SyncStartedEvent e) {
            return run != null && run.id.equals(e.runId()) ? run.started(at) : null;
        } else if (event instanceof SyncSucceededEvent e) {
            return run != null && run.id.equals(e.runId()) ? run.succeeded(e, at) : null;
        } else if (event instanceof SyncFailedEvent e) {
            return run != null && run.id.equals(e.runId()) ? run.failed(e, at) : null;
        }
        return run;
    }

    /** A run as its request opens it, at the request's time. */
    public static SyncRunView requested(SyncRequestedEvent e, Instant at) {
        return new SyncRunView(e.runId(), e.repositoryId().value(), e.trigger(), SyncRunStatus.REQUESTED,
                               e.requestedBy(), at, null, null, 0, null, null, null, null, null);
    }

    /** RUNNING from the time it started; only a requested run starts. */
    public SyncRunView started(Instant at) {
        if (status != SyncRunStatus.REQUESTED) {
            return this;
        }
        return new SyncRunView(id, repositoryId, trigger, SyncRunStatus.RUNNING, requestedBy, requestedAt, at, null,
                               attempts, changed, digest, layersAdded, layersRemoved, error);
    }

    /** SUCCESS with what the sync found; only an open run ends. */
    public SyncRunView succeeded(SyncSucceededEvent e, Instant at) {
        if (!status.isOpen()) {
            return this;
        }
        return new SyncRunView(id, repositoryId, trigger, SyncRunStatus.SUCCESS, requestedBy, requestedAt, startedAt,
                               at, e.attempts(), e.changed(), e.digest(), e.layersAdded(), e.layersRemoved(), null);
    }

    /** FAILED with why, the error dated when the run ended; only an open run ends. */
    public SyncRunView failed(SyncFailedEvent e, Instant at) {
        if (!status.isOpen()) {
            return this;
        }
        return new SyncRunView(id, repositoryId, trigger, SyncRunStatus.FAILED, requestedBy, requestedAt, startedAt,
                               at, e.attempts(), null, null, null, null,
                               new SyncErrorView(e.error().code(), e.error().message(), e.error().httpStatus(), at));
    }
}
