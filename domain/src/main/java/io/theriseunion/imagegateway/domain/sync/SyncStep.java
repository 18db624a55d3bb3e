package io.theriseunion.imagegateway.domain.sync;

import java.time.Instant;

/** What one try of a sync came to: the run's outcome, or when to try again. */
public sealed interface SyncStep {

    /** The run is over: success or a failure not worth another try. */
    record Finished(SyncOutcome outcome) implements SyncStep {
    }

    /**
     * Try again at {@code at}, never past the run's deadline (a rate-limit pause, or a backoff after a transient
     * failure). attempts: the tries made so far; requests: what this try cost.
     */
    record RetryAt(Instant at, int attempts, int requests) implements SyncStep {
    }
}
