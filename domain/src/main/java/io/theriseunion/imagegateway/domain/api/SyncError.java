package io.theriseunion.imagegateway.domain.api;

/**
 * Why a sync failed: a stable code (NOT_FOUND, UNAUTHORIZED, FORBIDDEN, RATE_LIMITED, TIMEOUT, NETWORK, TLS,
 * INVALID_MANIFEST, DIGEST_MISMATCH, UNSUPPORTED_MEDIA_TYPE, REGISTRY_ERROR), a sentence, and the HTTP
 * status when the registry answered one.
 */
public record SyncError(String code, String message, Integer httpStatus) {
}
