package io.theriseunion.imagegateway.projections.sync;

import java.time.Instant;

/** An open sync run past its overdueAt, as the sync history has it. */
public record OverdueSyncRun(String runId, String repositoryId, Instant overdueAt) {
}
