package io.theriseunion.imagegateway.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The sync process takes over a run that is still open after a node stopped: it starts the run if it had not
 * started, or goes on with it if it had (its earlier executor is gone). A closed run is refused.
 */
public record ResumeSyncCommand(@TargetAggregateIdentifier RepositoryId repositoryId, String runId) {
}
