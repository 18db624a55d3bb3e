package io.theriseunion.imagegateway.domain.api;

import java.time.Instant;

/**
 * A sync run was requested; the sync process runs it. overdueAt: when it fails as TIMEOUT if still open,
 * by the deadline overdueScheduleId.
 */
public record SyncRequestedEvent(RepositoryId repositoryId, String runId, SyncTrigger trigger, String requestedBy,
                                 SyncTarget target, Instant overdueAt, String overdueScheduleId) {
}
