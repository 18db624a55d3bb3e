package io.theriseunion.imagegateway.domain.sync;

import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.SyncError;
import io.theriseunion.imagegateway.domain.api.SyncTarget;

import java.util.Optional;

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

    /**
     * The error a run of the target ends with before its first try, without asking the network: its source is
     * known to be down (SOURCE_UNAVAILABLE). Answering one counts it as that run's outcome. Empty when the run
     * may go ahead.
     */
    Optional<SyncError> endWithoutTrying(SyncTarget target);

    /** How many syncs this node may run against this registry source at once (each node applies it on its own). */
    int concurrencyLimit(RegistryRef source);

    /**
     * This port for one batch of scheduled checks, which may read each source's settings once for the whole batch
     * (a source edited meanwhile applies from the next batch). By default the port itself.
     */
    default RegistryPort forBatch() {
        return this;
    }
}
