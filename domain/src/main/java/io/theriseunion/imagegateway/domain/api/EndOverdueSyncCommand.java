package io.theriseunion.imagegateway.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The run is past its {@code overdueAt} and still open: it fails as TIMEOUT, as the per-run overdue deadline of
 * older gateways made it fail. Sent by the gateway's periodic sweep of overdue runs; the answer is whether it ended
 * the run. A run already closed (its result recorded, another node's sweep, the repository deleted) or not overdue
 * yet is left alone and answers false: several nodes may sweep the same run.
 */
public record EndOverdueSyncCommand(@TargetAggregateIdentifier RepositoryId repositoryId, String runId) {
}
