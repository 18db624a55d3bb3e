package io.theriseunion.imagegateway.domain.api;

/** A repository was registered. Durations are in canonical Go form ({@code 1h30m}). */
public record RepositoryAddedEvent(RepositoryId repositoryId,
                                   String namespace,
                                   String name,
                                   String displayName,
                                   String description,
                                   RegistryRef registry,
                                   String repository,
                                   String tag,
                                   String syncInterval,
                                   String syncTimeout,
                                   int retryCount) implements RepositoryEvent {
}
