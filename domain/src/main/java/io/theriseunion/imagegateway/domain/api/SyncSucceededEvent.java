package io.theriseunion.imagegateway.domain.api;

import java.time.Instant;
import java.util.List;

/**
 * A sync run succeeded. changed: the digest differs from the last known one; manifest is null when not
 * changed. layersAdded / layersRemoved compare the layer digests with the previous manifest. signed: whether a
 * signature of the digest is known (cosign's {@code sha256-<hex>.sig} tag or a signature referrer), carried over
 * from the previous success while the digest stays; null when unknown (never checked, or events older than the
 * field).
 */
public record SyncSucceededEvent(RepositoryId repositoryId,
                                 String runId,
                                 String namespace,
                                 String name,
                                 String digest,
                                 boolean changed,
                                 SyncedManifest manifest,
                                 List<String> layersAdded,
                                 List<String> layersRemoved,
                                 List<String> remoteTags,
                                 int attempts,
                                 int requests,
                                 Instant nextSyncAt,
                                 String nextSyncScheduleId,
                                 Boolean signed) implements RepositoryEvent {

    /** A success that says nothing about signatures. */
    public SyncSucceededEvent(RepositoryId repositoryId, String runId, String namespace, String name, String digest,
                              boolean changed, SyncedManifest manifest, List<String> layersAdded,
                              List<String> layersRemoved, List<String> remoteTags, int attempts, int requests,
                              Instant nextSyncAt, String nextSyncScheduleId) {
        this(repositoryId, runId, namespace, name, digest, changed, manifest, layersAdded, layersRemoved, remoteTags,
             attempts, requests, nextSyncAt, nextSyncScheduleId, null);
    }
}
