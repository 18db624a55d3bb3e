package io.theriseunion.imagegateway.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks for a sync; while one is pending or running, the request joins it. Returns the run's id. */
public record TriggerSyncCommand(@TargetAggregateIdentifier RepositoryId repositoryId, SyncTrigger trigger,
                                 String requestedBy) {
}
