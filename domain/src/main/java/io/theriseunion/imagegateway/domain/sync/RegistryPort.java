package io.theriseunion.imagegateway.domain.sync;

import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.SyncTarget;

import java.time.Instant;

/** How the sync process reaches registries; implemented at the edge with the OCI client. */
public interface RegistryPort {

    /**
     * Reads the image's metadata, incrementally: when the tag still points at target.knownDigest(), one
     * request. Retries transient failures up to target.retryCount() times, never past the deadline. Never
     * throws for registry failures: they come back as the outcome's error.
     */
    SyncOutcome fetch(SyncTarget target, Instant deadline);

    /** How many syncs may run against this registry source at once. */
    int concurrencyLimit(RegistryRef source);
}
