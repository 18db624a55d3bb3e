package io.theriseunion.imagegateway.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * The sync process reports a run's outcome: either error is set, or digest is (with manifest null when the
 * digest is the known one, i.e. nothing changed). remoteTags is null when the tags were not listed.
 */
public record RecordSyncResultCommand(@TargetAggregateIdentifier RepositoryId repositoryId,
                                      String runId,
                                      String digest,
                                      SyncedManifest manifest,
                                      List<String> remoteTags,
                                      SyncError error,
                                      int attempts,
                                      int requests) {
}
