package io.theriseunion.imagegateway.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The sync process claims a requested run before it calls the registry. */
public record StartSyncCommand(@TargetAggregateIdentifier RepositoryId repositoryId, String runId) {
}
