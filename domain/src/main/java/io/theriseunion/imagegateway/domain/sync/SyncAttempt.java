package io.theriseunion.imagegateway.domain.sync;

import io.theriseunion.imagegateway.domain.api.SyncTarget;

import java.time.Instant;

/**
 * One try of a sync run: the image, the tries made before this one, when the run started and its deadline.
 */
public record SyncAttempt(SyncTarget target, int attemptsBefore, Instant runStartedAt, Instant deadline) {
}
