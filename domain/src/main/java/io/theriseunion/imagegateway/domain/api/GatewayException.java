package io.theriseunion.imagegateway.domain.api;

import java.time.Duration;
import java.util.Optional;

/**
 * A refusal a caller can act on, with a stable {@link ErrorCode} (e.g. {@code NOT_FOUND}) that the edges put into
 * their error responses. Messages never contain secrets.
 */
public abstract class GatewayException extends RuntimeException {

    private final ErrorCode code;

    protected GatewayException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** The code as clients see it, e.g. {@code "NOT_FOUND"}. */
    public String code() {
        return code.name();
    }

    public ErrorCode errorCode() {
        return code;
    }

    /** The refusal among a failure's causes (frameworks wrap what a handler threw), if there is one. */
    public static Optional<GatewayException> findIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof GatewayException g) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    /** The input field the error is about, or null. */
    public String field() {
        return null;
    }

    /**
     * When nothing of the request was stored and the same request sent again after this long may well succeed: the
     * edges tell it (REST: {@code Retry-After} and the Status' {@code details.retryAfterSeconds}, which client-go and
     * so kubectl follow by themselves; GraphQL: {@code extensions.retryAfterSeconds}). Null for every other refusal,
     * among them one whose change was stored but not yet shown, which sent again would be refused.
     */
    public Duration retryAfter() {
        return null;
    }
}
