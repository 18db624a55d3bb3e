package io.theriseunion.imagegateway.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * The sync process reports a run's outcome: either error is set, or digest is (with manifest null when the
 * digest is the known one, i.e. nothing changed). remoteTags is null when the tags were not listed. signed is
 * whether a signature of the digest was found, null when it was not looked for (the repository then keeps its
 * previous answer while the digest stays the same).
 */
public record RecordSyncResultCommand(@TargetAggregateIdentifier RepositoryId repositoryId,
                                      String runId,
                                      String digest,
                                      SyncedManifest manifest,
                                      List<String> remoteTags,
                                      SyncError error,
                                      int attempts,
                                      int requests,
                                      Boolean signed) {

    /** A result that says nothing about signatures. */
    public RecordSyncResultCommand(RepositoryId repositoryId, String runId, String digest, SyncedManifest manifest,
                                   List<String> remoteTags, SyncError error, int attempts, int requests) {
        this(repositoryId, runId, digest, manifest, remoteTags, error, attempts, requests, null);
    }
}
