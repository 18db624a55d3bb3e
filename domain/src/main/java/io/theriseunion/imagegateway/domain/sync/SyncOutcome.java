package io.theriseunion.imagegateway.domain.sync;

import io.theriseunion.imagegateway.domain.api.SyncError;
import io.theriseunion.imagegateway.domain.api.SyncedManifest;

import java.util.List;

/**
 * What a registry said about an image. On success digest is set, and manifest too unless the digest was the
 * known one; tags is null when they were not listed. On failure error is set. attempts and requests count
 * what the sync cost. signed: whether a signature of the digest was found (cosign tag or OCI referrer), null when
 * it was not looked for (the digest did not move) or could not be told.
 */
public record SyncOutcome(String digest, SyncedManifest manifest, List<String> tags, SyncError error, int attempts,
                          int requests, Boolean signed) {

    /** An outcome that says nothing about signatures. */
    public SyncOutcome(String digest, SyncedManifest manifest, List<String> tags, SyncError error, int attempts,
                       int requests) {
        this(digest, manifest, tags, error, attempts, requests, null);
    }

    public static SyncOutcome failed(SyncError error, int attempts, int requests) {
        return new SyncOutcome(null, null, null, error, attempts, requests);
    }
}
