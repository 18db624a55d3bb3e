package io.theriseunion.imagegateway.app.live;

import io.theriseunion.imagegateway.domain.api.ErrorCode;
import io.theriseunion.imagegateway.domain.api.GatewayException;

/** A subscriber fell more than its buffer behind; its subscription ends with this error (code SUBSCRIBER_TOO_SLOW). */
public class SubscriberTooSlowException extends GatewayException {

    public SubscriberTooSlowException(int bufferSize) {
        super(ErrorCode.SUBSCRIBER_TOO_SLOW, "the subscriber did not keep up: more than " + bufferSize
                + " events were waiting for it, so its subscription ends; subscribe again, and read what was missed"
                + " from the audit log or the repository list");
    }
}
