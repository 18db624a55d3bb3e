package io.theriseunion.imagegateway.domain.api;

import java.time.Instant;

/**
 * The sync settings changed; carries the values before and after the edit (durations in canonical Go form). When
 * the interval changed and no run was open, the next interval sync was planned again: nextSyncAt and
 * nextSyncScheduleId tell when and its deadline; both are null when the plan stayed as it was.
 */
public record RepositorySyncPolicyEditedEvent(RepositoryId repositoryId,
                                              String namespace,
                                              String name,
                                              String syncInterval,
                                              String syncTimeout,
                                              int retryCount,
                                              String previousSyncInterval,
                                              String previousSyncTimeout,
                                              int previousRetryCount,
                                              Instant nextSyncAt,
                                              String nextSyncScheduleId) implements RepositoryEvent {
}
