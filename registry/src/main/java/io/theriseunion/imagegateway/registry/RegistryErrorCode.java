package io.theriseunion.imagegateway.registry;

/** Why a registry call failed, stable enough to branch on and to show to operators. */
public enum RegistryErrorCode {
    /** 404, or the registry said MANIFEST_UNKNOWN, NAME_UNKNOWN or BLOB_UNKNOWN. */
    NOT_FOUND,
    /** 401 after the configured credentials (or the token service) were tried. */
    UNAUTHORIZED,
    /** 403: the credentials are known but not allowed. */
    FORBIDDEN,
    /** 429; see {@link RegistryException#retryAfter()}. */
    RATE_LIMITED,
    /** No answer within the connect, read or call timeout. */
    TIMEOUT,
    /** Connection refused or reset, unknown host, or another I/O failure. */
    NETWORK,
    /** The gateway's network policy refused the host or the address it resolves to; nothing was sent. */
    FORBIDDEN_HOST,
    /** The TLS handshake failed, e.g. an untrusted certificate. */
    TLS,
    /** Malformed or truncated JSON, a missing field, or a document larger than the client accepts. */
    INVALID_MANIFEST,
    /** The bytes do not hash to the digest the registry or the reference promised. */
    DIGEST_MISMATCH,
    /** A schema1 manifest or a media type this client does not read. */
    UNSUPPORTED_MEDIA_TYPE,
    /**
     * The registry's answer needs more work than the client's limits allow: too many tag-list pages, index entries
     * or layers. The message names the limit and its setting. Not retried: the same answer would come again.
     */
    LIMIT_EXCEEDED,
    /** Any other error status, a redirect loop, or a broken token service answer. */
    REGISTRY_ERROR
}
