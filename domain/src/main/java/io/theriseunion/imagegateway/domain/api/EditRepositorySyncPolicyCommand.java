package io.theriseunion.imagegateway.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Changes how a repository syncs: its interval, timeout and retries (the rules of an add). A null field stays as it
 * is. When expectedVersion is given, the edit applies only if the repository is still at that version.
 */
public record EditRepositorySyncPolicyCommand(@TargetAggregateIdentifier RepositoryId repositoryId,
                                              String syncInterval,
                                              String syncTimeout,
                                              Integer retryCount,
                                              Long expectedVersion) {
}
