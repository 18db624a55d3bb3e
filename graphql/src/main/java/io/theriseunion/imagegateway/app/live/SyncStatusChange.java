package io.theriseunion.imagegateway.app.live;

import io.theriseunion.imagegateway.domain.api.SyncStatus;
import io.theriseunion.imagegateway.projections.sync.SyncRunView;

import java.time.Instant;

/** A repository's sync status moved (GraphQL {@code SyncStatusEvent}); previousStatus is null right after the add. */
public record SyncStatusChange(String repositoryId,
                               String namespace,
                               String name,
                               SyncStatus syncStatus,
                               SyncStatus previousStatus,
                               Instant at,
                               SyncRunView syncRun) {
}
