package io.theriseunion.imagegateway.domain.api;

import java.time.Instant;

/**
 * A sync run was requested; the sync process runs it. overdueAt: when it fails as TIMEOUT if still open (its worker
 * stops there; a run left open past it is ended by the gateway's sweep of overdue runs, {@link EndOverdueSyncCommand}).
 * overdueScheduleId: the overdue deadline that gateways before the sweep stored per run; null since. Its repository's
 * namespace and name are those of its target: they are not stored twice, so the stored events keep their shape.
 */
public record SyncRequestedEvent(RepositoryId repositoryId, String runId, SyncTrigger trigger, String requestedBy,
                                 SyncTarget target, Instant overdueAt, String overdueScheduleId)
        implements RepositoryEvent {

    /** What sync_run.requested_by holds: a caller's name may be a JWT claim of any length. */
    public static final int MAX_REQUESTED_BY = 255;

    public SyncRequestedEvent {
        requestedBy = BoundedText.clip(requestedBy, MAX_REQUESTED_BY);
    }

    @Override
    public String namespace() {
        return target.namespace();
    }

    @Override
    public String name() {
        return target.name();
    }
}
