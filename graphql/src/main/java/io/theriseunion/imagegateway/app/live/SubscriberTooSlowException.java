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

    private SubscriberTooSlowException(String message) {
        super(ErrorCode.SUBSCRIBER_TOO_SLOW, message);
    }

    /** A follower of a read whose missed changes this node no longer keeps (more than {@code kept} told since). */
    static SubscriberTooSlowException readTooOld(int kept) {
        return new SubscriberTooSlowException("the read this subscription follows is too old: more than " + kept
                + " changes were told since, and they are no longer kept; read the list again and subscribe with"
                + " its new liveCursor");
    }
}
