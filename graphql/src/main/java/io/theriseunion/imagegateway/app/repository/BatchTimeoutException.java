package io.theriseunion.imagegateway.app.repository;

import io.theriseunion.imagegateway.domain.api.ErrorCode;
import io.theriseunion.imagegateway.domain.api.GatewayException;

import java.time.Duration;

/** A batch item did not finish within the request's time (gateway.batch-timeout). */
public class BatchTimeoutException extends GatewayException {

    private BatchTimeoutException(String message) {
        super(ErrorCode.UNAVAILABLE, message);
    }

    private static String describe(Duration timeout) {
        long ms = timeout.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    /** The item was cancelled before it started: nothing of it was done. */
    public static BatchTimeoutException notStarted(Duration timeout) {
        return new BatchTimeoutException("not attempted: the batch did not reach this item within " + describe(timeout)
                + " (gateway.batch-timeout); send it again");
    }

    /** The item was still running: it may yet take effect. */
    public static BatchTimeoutException unfinished(Duration timeout) {
        return new BatchTimeoutException("not finished within " + describe(timeout) + " (gateway.batch-timeout);"
                + " it may still take effect: query it before sending it again");
    }
}
