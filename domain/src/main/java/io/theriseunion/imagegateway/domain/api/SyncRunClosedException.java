package io.theriseunion.imagegateway.domain.api;

/** A sync run that is no longer open (finished, failed as overdue, or replaced) cannot start or report. */
public class SyncRunClosedException extends GatewayException {

    public SyncRunClosedException(String runId) {
        super(ErrorCode.CONFLICT, "sync run " + runId + " is not open any more");
    }
}
