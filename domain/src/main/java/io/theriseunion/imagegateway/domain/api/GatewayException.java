package io.theriseunion.imagegateway.domain.api;

/**
 * A refusal a caller can act on, with a stable code (e.g. {@code NOT_FOUND}) that the edges put into
 * their error responses. Messages never contain secrets.
 */
public abstract class GatewayException extends RuntimeException {

    private final String code;

    protected GatewayException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The input field the error is about, or null. */
    public String field() {
        return null;
    }
}
