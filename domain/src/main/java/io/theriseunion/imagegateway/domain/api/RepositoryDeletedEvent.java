package io.theriseunion.imagegateway.domain.api;

/** A repository was deleted; its (namespace, name) is free again. */
public record RepositoryDeletedEvent(RepositoryId repositoryId, String namespace, String name)
        implements RepositoryEvent {
}
