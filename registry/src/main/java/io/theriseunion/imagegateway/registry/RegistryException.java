package io.theriseunion.imagegateway.registry;

import java.time.Duration;

/**
 * A registry call that failed. The message says what happened in plain words and never holds a password, a
 * token or an Authorization header.
 */
public class RegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final RegistryErrorCode code;
    private final Integer httpStatus;
    private final Duration retryAfter;

    public RegistryException(RegistryErrorCode code, String message) {
        this(code, message, null, null, null);
    }

    public RegistryException(RegistryErrorCode code, String message, Throwable cause) {
        this(code, message, null, null, cause);
    }

    public RegistryException(RegistryErrorCode code, String message, Integer httpStatus, Duration retryAfter,
                             Throwable cause) {
        super(message, cause);
        this.code = code;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    public RegistryErrorCode code() {
        return code;
    }

    /** The HTTP status the registry answered with, or {@code null} when there was no answer. */
    public Integer httpStatus() {
        return httpStatus;
    }

    /** How long the registry asked us to wait (Retry-After), or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whether trying again later may succeed: network trouble, timeouts, rate limits and 5xx answers. */
    public boolean transientFailure() {
        return switch (code) {
            case NETWORK, TIMEOUT, RATE_LIMITED -> true;
            case REGISTRY_ERROR -> httpStatus != null && httpStatus >= 500;
            default -> false;
        };
    }
}
