package io.theriseunion.imagegateway.projections.sync;

/** How many sync runs a repository has. */
public record CountSyncRunsQuery(String repositoryId) {
}
