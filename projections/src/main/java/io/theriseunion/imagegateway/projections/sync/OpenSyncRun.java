package io.theriseunion.imagegateway.projections.sync;

/** A sync run still requested or running, and the sequence of its repository's last projected event. */
public record OpenSyncRun(String runId, String repositoryId, long repositoryEventSeq) {
}
