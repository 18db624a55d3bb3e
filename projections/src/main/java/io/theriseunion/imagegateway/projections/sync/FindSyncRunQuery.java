package io.theriseunion.imagegateway.projections.sync;

/** One sync run by id. */
public record FindSyncRunQuery(String runId) {
}
