package io.theriseunion.imagegateway.app.command;

import io.theriseunion.imagegateway.domain.api.ErrorCode;
import io.theriseunion.imagegateway.domain.api.GatewayException;

/** A failure the gateway did not foresee; the details are in the log, not in the answer. */
public class UnexpectedFailureException extends GatewayException {

    public UnexpectedFailureException() {
        super(ErrorCode.INTERNAL, "the gateway could not complete this item; see the gateway log");
    }
}
