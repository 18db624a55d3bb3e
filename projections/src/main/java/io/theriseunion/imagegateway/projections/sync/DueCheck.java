package io.theriseunion.imagegateway.projections.sync;

import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.SyncTarget;

import java.time.Instant;

/**
 * A repository whose scheduled check is due, as {@link SyncCheckRecords#claimDue} handed it out: what the check
 * needs, the time its claim ends ({@code claimedUntil}: it is due again then, should this check never be recorded),
 * the series of unchanged checks it continues (null: a new one), its interval and the time it is due.
 *
 * @param fullRun the repository never synced or its last run failed: the check is a full (audited) run
 * @param dueAt when the check is due: it may have been claimed a little before (see {@link SyncCheckRecords#claimDue})
 */
public record DueCheck(String repositoryId, SyncTarget target, String syncInterval, boolean fullRun,
                       Instant claimedUntil, String streakId, Instant dueAt) {

    public RegistryRef registry() {
        return target.registry();
    }
}
