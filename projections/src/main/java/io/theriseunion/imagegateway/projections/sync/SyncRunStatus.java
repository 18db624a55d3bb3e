package io.theriseunion.imagegateway.projections.sync;

/** Where a sync run stands: open while REQUESTED or RUNNING, closed once it ended in SUCCESS or FAILED. */
public enum SyncRunStatus {
    REQUESTED,
    RUNNING,
    SUCCESS,
    FAILED;

    public boolean isOpen() {
        return this == REQUESTED || this == RUNNING;
    }
}
