package io.theriseunion.imagegateway.domain.api;

/**
 * Why a sync failed: a stable code (NOT_FOUND, UNAUTHORIZED, FORBIDDEN, RATE_LIMITED, TIMEOUT, NETWORK, TLS,
 * INVALID_MANIFEST, DIGEST_MISMATCH, UNSUPPORTED_MEDIA_TYPE, REGISTRY_ERROR), a sentence, and the HTTP
 * status when the registry answered one.
 */
public record SyncError(String code, String message, Integer httpStatus) {

    public static final int MAX_CODE = 32;
    /** A registry's error codes are quoted in the message, as many as it sent: cut to what the read models hold. */
    public static final int MAX_MESSAGE = 2048;

    public SyncError {
        code = BoundedText.clip(code, MAX_CODE);
        message = BoundedText.clip(message, MAX_MESSAGE);
    }
}
