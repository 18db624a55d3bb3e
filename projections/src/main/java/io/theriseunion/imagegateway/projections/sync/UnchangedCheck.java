package io.theriseunion.imagegateway.projections.sync;

import java.time.Instant;

/** A scheduled check that found the known digest: when, and when the next one is due. */
public record UnchangedCheck(DueCheck check, String streakId, Instant checkedAt, Instant nextCheckAt) {
}
