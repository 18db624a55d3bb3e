package io.theriseunion.imagegateway.domain.api;

/** A sync run started talking to the registry: the repository is SYNCING. */
public record SyncStartedEvent(RepositoryId repositoryId, String runId, String namespace, String name)
        implements RepositoryEvent {
}
