package io.theriseunion.imagegateway.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stops tracking a repository. Its history stays in the event store. */
public record DeleteRepositoryCommand(@TargetAggregateIdentifier RepositoryId repositoryId) {
}
