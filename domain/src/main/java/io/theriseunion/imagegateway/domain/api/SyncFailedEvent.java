package io.theriseunion.imagegateway.domain.api;

import java.time.Instant;

/** A sync run failed; error says why. */
public record SyncFailedEvent(RepositoryId repositoryId,
                              String runId,
                              String namespace,
                              String name,
                              SyncError error,
                              int attempts,
                              Instant nextSyncAt,
                              String nextSyncScheduleId) implements RepositoryEvent {
}
