package io.theriseunion.imagegateway.app.repository;

import io.theriseunion.imagegateway.domain.api.ErrorCode;
import io.theriseunion.imagegateway.domain.api.GatewayException;

import java.time.Duration;

/** A batch item found the batch workers' queue full; it was not attempted. */
public class BatchWorkersBusyException extends GatewayException {

    public BatchWorkersBusyException(int queueSize) {
        super(ErrorCode.UNAVAILABLE, "not attempted: the gateway is busy with other batches (" + queueSize
                + " items queued, gateway.batch-queue-size); send this item again later");
    }

    /** A full queue of batch items drains in seconds. */
    @Override
    public Duration retryAfter() {
        return Duration.ofSeconds(5);
    }
}
