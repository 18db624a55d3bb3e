package io.theriseunion.imagegateway.app.command;

import io.theriseunion.imagegateway.domain.api.ErrorCode;
import io.theriseunion.imagegateway.domain.api.GatewayException;

import java.time.Duration;

/**
 * A command that lost its append race to changes of the same repository or source from other nodes every time it
 * was sent again ({@code gateway.command.conflict-retries}): nothing of it was stored, and sent once the burst is
 * over it succeeds. UNAVAILABLE (HTTP 503), a code a script already retries, not INTERNAL, which says "read the log".
 */
public class ConcurrentChangeException extends GatewayException {

    public ConcurrentChangeException() {
        super(ErrorCode.UNAVAILABLE, "not stored: the same item was being changed on other gateway nodes at the same"
                + " moment and this change lost every retry; send it again");
    }

    /** The burst it lost to is a matter of moments. */
    @Override
    public Duration retryAfter() {
        return Duration.ofSeconds(1);
    }
}
