package io.theriseunion.imagegateway.domain.sync;

import io.theriseunion.imagegateway.domain.api.SyncError;
import io.theriseunion.imagegateway.domain.api.SyncedManifest;

import java.util.List;

/**
 * What a registry said about an image. On success digest is set, and manifest too unless the digest was the
 * known one; tags is null when they were not listed. On failure error is set. attempts and requests count
 * what the sync cost.
 */
public record SyncOutcome(String digest, SyncedManifest manifest, List<String> tags, SyncError error, int attempts,
                          int requests) {

    public static SyncOutcome failed(SyncError error, int attempts, int requests) {
        return new SyncOutcome(null, null, null, error, attempts, requests);
    }
}
