package io.theriseunion.imagegateway.domain.sync;

import io.theriseunion.imagegateway.domain.api.RegistryRef;

/** How the sync process reaches registries; implemented at the edge with the OCI client. */
public interface RegistryPort {

    /**
     * Tries once to read the image's metadata, incrementally: when the tag still points at
     * target.knownDigest(), one request. Never waits: when the source asked to pause, or a transient failure
     * may be retried (up to target.retryCount() times), it answers when to try again, never past the deadline;
     * a wait that would end past it is the run's failure. Never throws for registry failures: they come back as
     * the outcome's error.
     */
    SyncStep attempt(SyncAttempt attempt);

    /** How many syncs may run against this registry source at once. */
    int concurrencyLimit(RegistryRef source);
}
