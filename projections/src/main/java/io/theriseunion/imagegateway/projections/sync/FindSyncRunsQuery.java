package io.theriseunion.imagegateway.projections.sync;

import java.time.Instant;

/** A repository's sync runs, newest first, after the run (requestedAt, id) of the cursor when given. */
public record FindSyncRunsQuery(String repositoryId, int first, Instant afterRequestedAt, String afterId) {
}
