package io.theriseunion.imagegateway.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Registers an image to keep in sync. Optional fields may be null: syncInterval defaults to 1h, syncTimeout
 * to 10m, retryCount to 3.
 */
public record AddRepositoryCommand(@TargetAggregateIdentifier RepositoryId repositoryId,
                                   String namespace,
                                   String name,
                                   String displayName,
                                   String description,
                                   RegistryRef registry,
                                   String repository,
                                   String tag,
                                   String syncInterval,
                                   String syncTimeout,
                                   Integer retryCount) {
}
